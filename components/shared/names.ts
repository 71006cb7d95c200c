/**
 * Names and type tokens shared by every component. Identity is stable: a child name or a token
 * never changes once released, because renaming one replaces live infrastructure.
 */

/** Package prefix of every component type token: `kindo-models:index:<Name>`. */
export const COMPONENT_TOKEN_PREFIX = "kindo-models:index:";

/** Module of every dynamic resource: its type becomes `pulumi-nodejs:dynamic/kindo-models:<Name>`. */
export const DYNAMIC_MODULE = "kindo-models";

/** The name of a component's child: `${name}-<role>`, with a kebab-case role. */
export function childName(name: string, role: string): string {
  return `${name}-${role}`;
}

/** The component type token for a class name. */
export function componentToken(className: string): string {
  return `${COMPONENT_TOKEN_PREFIX}${className}`;
}
