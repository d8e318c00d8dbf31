// What a provider implementation hands the serialized loader (thin-provider.ts) once configured.
import type { dynamic } from "@pulumi/pulumi";
import type { RawProps } from "./props";

/** The methods the loader installs on itself: bound to one provider configured from the stack config. */
export type ProviderMethods = Required<Pick<dynamic.ResourceProvider<RawProps, RawProps>, "check" | "diff" | "create" | "read" | "update" | "delete">>;

/** `provider`'s six methods, bound to it. */
export function bindProviderMethods(provider: ProviderMethods): ProviderMethods {
  return {
    check: provider.check.bind(provider),
    diff: provider.diff.bind(provider),
    create: provider.create.bind(provider),
    read: provider.read.bind(provider),
    update: provider.update.bind(provider),
    delete: provider.delete.bind(provider),
  };
}
