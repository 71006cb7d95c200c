/**
 * The vLLM release a launch script installs with pip before it starts the server: each case is
 * one install as published (SkyPilot tasks, python base images), read from the script's commands.
 */
import assert from "node:assert/strict";
import { findPipInstalledVllm } from "../../../../../knowledge/rules/read/pip-install";
import { splitShellCommands } from "../../../../../knowledge/rules";

function read(script: string) {
  return findPipInstalledVllm(splitShellCommands(script));
}

describe("findPipInstalledVllm", () => {
  it("reads an exact pin", () => {
    assert.deepStrictEqual(read("pip install vllm==0.6.2\nvllm serve m"), {
      command: "pip install vllm==0.6.2",
      pin: "exact",
      version: "0.6.2",
      flashInfer: false,
    });
  });

  it("normalises a post release written without its dot, as PEP 440 does", () => {
    assert.equal(read("pip install vllm==0.5.3post1")?.version, "0.5.3.post1");
  });

  it("reads uv pip's pin past its options, dropping the local version label", () => {
    const script = `uv pip install --pre vllm==0.10.1+gptoss \\
    --extra-index-url https://wheels.vllm.ai/gpt-oss/ \\
    --index-strategy unsafe-best-match`;
    assert.equal(read(script)?.version, "0.10.1");
  });

  it("reads python -m pip with -U and a quoted pin", () => {
    assert.equal(read(`python3 -m pip install -U "vllm==0.3.2"`)?.version, "0.3.2");
  });

  it("takes an unpinned install as unpinned, whatever index it names", () => {
    assert.deepStrictEqual(
      read("uv pip install vllm --extra-index-url https://wheels.vllm.ai/c0c25e25"),
      {
        command: "uv pip install vllm --extra-index-url https://wheels.vllm.ai/c0c25e25",
        pin: "unpinned",
        flashInfer: false,
      },
    );
  });

  it("takes a lower bound as unpinned", () => {
    assert.equal(read(`pip install "vllm>=0.8.2"`)?.pin, "unpinned");
  });

  it("takes a git install of vLLM as a build from source", () => {
    assert.equal(
      read("pip install git+https://github.com/vllm-project/vllm.git@e24336b5a772ab3")?.pin,
      "source",
    );
  });

  it("does not take another package whose name starts with vllm for vLLM", () => {
    assert.equal(read("pip install vllm-flash-attn==2.5.9.post1"), undefined);
  });

  it("lets the last install of vLLM win", () => {
    assert.equal(read("pip install vllm==0.6.0\npip install -U vllm==0.6.3")?.version, "0.6.3");
  });

  it("finds FlashInfer installed by the same script, or through vLLM's extra", () => {
    assert.deepStrictEqual(
      [
        read("pip install vllm==0.10.1 flashinfer-python")?.flashInfer,
        read(`pip install "vllm[flashinfer]==0.10.1"`)?.flashInfer,
      ],
      [true, true],
    );
  });

  it("ignores installs after the command that starts vLLM", () => {
    assert.equal(read("vllm serve m &\npip install vllm==0.6.2"), undefined);
  });
});
