// fc.AsyncInvokePolicy under Pulumi's mock monitor, for the provider's policy tests: every registration is recorded
// the way the engine would receive it, a policy is built and waited for until all its children have registered,
// and a refused target list is read back as the error's message.
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, expect } from "vitest";
import { AsyncInvokePolicy, InvalidTargetsError, type AsyncInvokePolicyArgs } from "../../provider/policy/async-invoke-policy";

export type Registration = { type: string; name: string; inputs: Record<string, unknown> };

/** Installs the mock monitor before the file's tests; returns the list every registration is appended to, in order. */
export function recordRegistrations(): Registration[] {
  const registered: Registration[] = [];
  beforeAll(async () => {
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          registered.push({ type: args.type, name: args.name, inputs: args.inputs as Record<string, unknown> });
          return { id: `${args.name}-id`, state: args.inputs as Record<string, unknown> };
        },
        call: () => ({}),
      },
      "proj",
      "dev",
      true,
    );
  });
  return registered;
}

/**
 * Builds a policy and waits until every child has been registered with resolved inputs. Children register in the
 * order their inputs resolve, so they are returned by name; `configIds` must name exactly those children, each by
 * the id the mock gave it.
 */
export async function buildPolicy(
  registered: readonly Registration[],
  name: string,
  args: AsyncInvokePolicyArgs,
): Promise<{ policy: AsyncInvokePolicy; children: Record<string, Registration> }> {
  const policy = new AsyncInvokePolicy(name, args);
  const ids = await new Promise<Record<string, string>>((resolve) => policy.configIds.apply(resolve));
  const children = Object.fromEntries(registered.filter((r) => r.name.startsWith(`${name}/`)).map((r) => [r.name, r]));
  expect(ids).toEqual(Object.fromEntries(Object.keys(children).map((child) => [child.slice(name.length + 1), `${child}-id`])));
  return { policy, children };
}

/** The inputs a child was registered with, without the serialized provider and the output placeholders. */
export function settings(child: Registration | undefined): Record<string, unknown> {
  expect(child).toBeDefined();
  return Object.fromEntries(Object.entries(child?.inputs ?? {}).filter(([k, v]) => k !== "__provider" && v !== undefined));
}

/** The message of the InvalidTargetsError `action` must throw. */
export function invalidTargetsMessage(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidTargetsError);
    return (error as Error).message;
  }
  throw new Error("expected a throw");
}
