// Failures of a dynamic provider's `create`/`update` that are not the cloud's errors: what the provider itself
// refuses or detects. The cloud's own errors are `ApiError`s (../errors.ts).

/**
 * Thrown by `create`/`update` when the write went through but the service reports a different configuration.
 *
 * From `create` it carries `id`, `properties` (the live values) and `reasons`, which Pulumi's dynamic-provider host
 * turns into a partial failure: the resource is recorded, so what the service now holds is not orphaned. From
 * `update` it carries no `id`: a plain failure, so state keeps the previous inputs and the next `up` tries again.
 */
export class ConfigNotAppliedError<Outputs = unknown> extends Error {
  readonly id: string | undefined;
  readonly properties: Outputs | undefined;
  readonly reasons: string[];
  /** `service` names the cloud in the message (`FC`); `recordLive` is true from `create`. */
  constructor(service: string, resourceId: string, live: Outputs, reasons: string[], recordLive: boolean) {
    super(`${service} accepted the configuration of ${resourceId} but reports different values: ${reasons.join("; ")}`);
    this.name = "ConfigNotAppliedError";
    this.id = recordLive ? resourceId : undefined;
    this.properties = recordLive ? live : undefined;
    this.reasons = reasons;
  }
}

/** `create` found a configuration it was not told to adopt. */
export class ExistingConfigError<Ref = unknown> extends Error {
  readonly ref: Ref;
  /**
   * `what` names the configuration (`service "s", function "f", qualifier "q"`), `lastModifiedTime` is the
   * service's (empty when unknown), `resourceType` the resource that has the `adoptExisting` switch.
   */
  constructor(ref: Ref, what: string, lastModifiedTime: string, resourceType: string) {
    const since = lastModifiedTime === "" ? "" : ` (last modified ${lastModifiedTime})`;
    super(
      `An async invoke config already exists for ${what}${since}. ` +
        "It is not overwritten silently: another stack, tool or person may manage it. To take it over on purpose, set " +
        `\`adoptExisting: true\` on this ${resourceType} and run again; this resource will then manage it and delete it on destroy. ` +
        "(`pulumi import` cannot adopt it: dynamic resources do not support import.)",
    );
    this.name = "ExistingConfigError";
    this.ref = ref;
  }
}
