// ESLint: typed rules from typescript-eslint, Pulumi's Output-in-template-literal rules, and the
// import restriction that keeps the knowledge layer and the pure builders free of the Pulumi
// runtime (STYLE.md: "Pure logic apart from wiring").
import tseslint from "typescript-eslint";
import pulumi from "@pulumi/eslint-plugin";

const pulumiRuntimeBan = {
  "@typescript-eslint/no-restricted-imports": [
    "error",
    {
      patterns: [
        {
          group: ["@pulumi/*"],
          allowTypeImports: true,
          message:
            "The knowledge layer and pure builders take plain data: no runtime import from @pulumi/* (import type is fine).",
        },
      ],
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      "node_modules/**",
      "dist/**",
      ".tools/**",
      ".cache/**",
      "tools/**",
      "**/*.js",
      "**/*.mjs",
      "**/*.cjs",
    ],
  },
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { pulumi },
    rules: {
      "pulumi/no-output-in-template-literal": "error",
      "pulumi/no-output-instance-in-template-literal": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "@typescript-eslint/no-floating-promises": "error",
    },
  },
  {
    files: [
      "knowledge/**/*.ts",
      "components/**/manifests.ts",
      "components/**/iam-documents.ts",
      "components/**/probes.ts",
      "components/**/diff.ts",
    ],
    rules: pulumiRuntimeBan,
  },
  {
    // Mock registrations and policy-harness fixtures are untyped data; tests cast them.
    files: ["test/**/*.ts"],
    rules: {
      "@typescript-eslint/no-non-null-assertion": "off",
      "@typescript-eslint/no-explicit-any": "off",
    },
  },
  {
    // Dynamic providers are serialised by Pulumi: STYLE.md asks for `require` inside methods so
    // no client or library is captured in the closure.
    files: [
      "components/dynamic/**/*.ts",
      "verification/**/*.ts",
      "test/engine/fixtures/**/*.ts",
      "test/integration/components/dynamic/**/*.ts",
    ],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // The CLI loads each command (fit's --hf-config reader, models --cloud's catalog, lint's careful
    // YAML path, YAML held in objects: Ray Serve configs, KAITO's inference config) only when it
    // runs; `require` keeps that lazy load the same compiled and from the TypeScript sources.
    files: [
      "cli/main.ts",
      "cli/commands/fit.ts",
      "cli/commands/models.ts",
      "cli/commands/lint.ts",
      "hub/load-model.ts",
      // JSON5, for the rare config.json with Python's NaN / Infinity literals.
      "hub/config-json.ts",
      "cli/lint/parse-manifests.ts",
      "knowledge/rules/read/yaml-text.ts",
      // The model catalog's data runs, each loaded when a model in it is first asked for.
      "knowledge/catalog/generated/models.ts",
      // The resolver's fallback routes (a path's words, pooling fine-tunes), loaded when reached.
      "knowledge/catalog/resolve.ts",
    ],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
