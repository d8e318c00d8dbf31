/**
 * The dynamic provider of one async invoke config that lives at one address and is written whole by one Put,
 * written once for every API (FC 2.0, FC 3.0, FunctionGraph). Each API hands in a `ConfigResourceSpec`: its
 * schema, identity, id format, Put body and outputs; the address may depend on the connection (FunctionGraph's URN
 * needs the region and project id), so `refOf` is given the connected API. The method → call mapping is the same
 * for all:
 *
 * - `check`   none. Validates with zod (unknowns stand in as placeholders), names the property and the allowed
 *             values, fills defaults; `adoptExisting: false` is left out (it means nothing to the cloud).
 * - `diff`    none. Normalized values compared; identity keys replace, settings update in place.
 * - `create`  Get, then Put. An existing config is refused unless `adoptExisting` (see `recordsInterruptedCreate`).
 * - `read`    Get. Gone → no id; otherwise the live values as outputs *and* inputs (drift shows field by field).
 * - `update`  Put with the whole desired config.
 * - `delete`  Delete. Already gone is success.
 *
 * After each Put the configuration the cloud reports is compared with what was asked for; a difference is
 * reported (`ConfigNotAppliedError`), not recorded as if it had worked.
 */
import type { dynamic } from "@pulumi/pulumi";
import type { z } from "zod";
import { changedKeys, deepEqual } from "../diff";
import { isNotFoundError } from "../errors";
import { toCheckFailures, type FailureContext } from "./check-failures";
import { ConfigNotAppliedError } from "./errors";
import { PROVIDER_KEY, withoutProvider, type RawProps } from "./props";
import { containsUnknown, restoreUnknowns, withPlaceholders } from "./unknowns";

/** The three calls the provider makes. */
export interface ConfigApi<Ref, Body, Live> {
  getAsyncInvokeConfig(ref: Ref): Promise<Live>;
  putAsyncInvokeConfig(ref: Ref, body: Body): Promise<Live>;
  deleteAsyncInvokeConfig(ref: Ref): Promise<void>;
}

/** What is particular to one API's config resource. */
export interface ConfigResourceSpec<
  Ref,
  Checked extends { adoptExisting: boolean },
  Body,
  Live,
  Outputs extends { adoptExisting?: true | undefined },
  Api extends ConfigApi<Ref, Body, Live> = ConfigApi<Ref, Body, Live>,
> {
  /** Names the cloud in `ConfigNotAppliedError` (`FC`, `FC 3.0`). */
  readonly service: string;
  /** Names the config and its id shape when an id cannot be read: `async invoke config`, `service:function:qualifier`. */
  readonly configName: string;
  readonly idShape: string;
  /** The inputs' schema; or `parse`, when one schema does not do (FunctionGraph picks its URN or by-name form first). */
  readonly schema?: z.ZodType<Checked>;
  readonly parse?: (prepared: unknown) => z.ZodSafeParseResult<Checked>;
  /** Raw inputs as the schema reads them (nulls dropped, spellings canonicalized). */
  readonly prepareInput: (raw: RawProps) => unknown;
  /** A valid value per property name, standing in for unknowns during preview. */
  readonly placeholders: Readonly<Record<string, unknown>>;
  readonly failureContext: FailureContext;
  /** Keys that name the config (a change replaces it) and keys that configure it (a change updates it). */
  readonly identityKeys: readonly string[];
  /** The identity keys of one config, when they depend on how it is addressed (FunctionGraph: by URN or by name). */
  readonly identityKeysOf?: (config: Record<string, unknown>) => readonly string[];
  readonly settingKeys: readonly string[];
  /** Error codes that mean the config cannot exist any more; any other 404 stays an error. */
  readonly goneCodes: ReadonlySet<string>;
  readonly parseStateOutputs: (props: RawProps) => Outputs;
  /** The config's address; `api` is the connected API, for an address that depends on the connection. */
  readonly refOf: (config: Checked | Outputs, api: Api) => Ref;
  readonly idOf: (ref: Ref) => string;
  readonly parseId: (id: string) => Ref | undefined;
  readonly existingError: (ref: Ref, existing: Live) => Error;
  readonly putBody: (desired: Checked) => Body;
  readonly toOutputs: (live: Live, ref: Ref, adopted?: boolean) => Outputs;
  /**
   * True: an existing config that already holds exactly the desired values is taken as this resource's own create,
   * interrupted after its Put and before Pulumi saved the result, and recorded without a Put.
   */
  readonly recordsInterruptedCreate: boolean;
}

export class ConfigProvider<
  Ref,
  Checked extends { adoptExisting: boolean },
  Body,
  Live,
  Outputs extends { adoptExisting?: true | undefined },
  Api extends ConfigApi<Ref, Body, Live> = ConfigApi<Ref, Body, Live>,
> implements dynamic.ResourceProvider<RawProps, RawProps>
{
  readonly #spec: ConfigResourceSpec<Ref, Checked, Body, Live, Outputs, Api>;
  readonly #api: () => Api;

  /** `api` is asked on the first call that needs the service, so `check` and `diff` work without credentials. */
  constructor(spec: ConfigResourceSpec<Ref, Checked, Body, Live, Outputs, Api>, api: () => Api) {
    this.#spec = spec;
    let client: Api | undefined;
    this.#api = () => (client ??= api());
  }

  async check(_olds: RawProps, news: RawProps): Promise<dynamic.CheckResult<RawProps>> {
    const { result, unknownPaths } = this.#parseNews(news);
    if (!result.success) {
      return { inputs: news, failures: result.error.issues.flatMap((issue) => toCheckFailures(issue, this.#spec.failureContext)) };
    }
    // `adoptExisting: false` is the default and means nothing to the cloud: leaving it out keeps it out of Pulumi's
    // property diffs, which it computes from old and new inputs and would otherwise list after every refresh.
    const { adoptExisting, ...settings } = result.data;
    return { inputs: restoreUnknowns(adoptExisting === false ? settings : result.data, unknownPaths) };
  }

  async diff(_id: string, olds: RawProps, news: RawProps): Promise<dynamic.DiffResult> {
    const next = this.#normalizeNews(news);
    let old: Record<string, unknown>;
    try {
      old = this.#spec.parseStateOutputs(withoutProvider(olds)) as Record<string, unknown>;
    } catch {
      // Outputs this release cannot read: let the update rewrite them.
      return { changes: true, replaces: [], deleteBeforeReplace: false };
    }
    const differs = (key: string) => containsUnknown(next[key]) || !deepEqual(old[key], next[key]);
    const replaces = this.#identityKeys(next).filter(differs);
    const updates = this.#spec.settingKeys.filter(differs);
    // A new config lives at a different address, so the replacement can be created before the old one is deleted.
    if (replaces.length > 0) return { changes: true, replaces, deleteBeforeReplace: false };
    if (updates.length === 0) return { changes: false, replaces: [], deleteBeforeReplace: false };
    // In-place changes are answered "unknown" (no `changes`): a dynamic provider cannot name the changed properties,
    // and on "unknown" the engine lists them itself from old and new inputs. Those are normalized alike (check here,
    // read on refresh), so the list is exactly the changed fields — which is what `pulumi refresh` and the refresh
    // steps of `preview --refresh` show. No-change stays "none": the engine never second-guesses it.
    return { replaces: [], deleteBeforeReplace: false };
  }

  async create(inputs: RawProps): Promise<dynamic.CreateResult<Outputs>> {
    const spec = this.#spec;
    const desired = this.#checked(inputs);
    const api = this.#api();
    const ref = spec.refOf(desired, api);
    const existing = await this.#getIfExists(api, ref);
    if (existing !== undefined && !desired.adoptExisting) {
      // Our own interrupted create (or a retried one) left exactly what we want: recording it is idempotent.
      const outputs = spec.toOutputs(existing, ref);
      if (spec.recordsInterruptedCreate && this.#mismatched(outputs, desired).length === 0) return { id: spec.idOf(ref), outs: outputs };
      throw spec.existingError(ref, existing);
    }
    const live = await api.putAsyncInvokeConfig(ref, spec.putBody(desired));
    try {
      return { id: spec.idOf(ref), outs: this.#verified(spec.idOf(ref), desired, ref, live, true) };
    } catch (error) {
      // The host records a partial failure's `properties` as the outputs, as they are: without `__provider`, a
      // later refresh or destroy of the resource would find no provider to run.
      if (error instanceof ConfigNotAppliedError && error.properties !== undefined && inputs[PROVIDER_KEY] !== undefined) {
        Object.assign(error.properties, { [PROVIDER_KEY]: inputs[PROVIDER_KEY] });
      }
      throw error;
    }
  }

  async read(id: string, props?: RawProps): Promise<dynamic.ReadResult<RawProps>> {
    const api = this.#api();
    const ref = this.#refFromState(id, props, api);
    const live = await this.#getIfExists(api, ref);
    if (live === undefined) return {};
    const outputs = this.#spec.toOutputs(live, ref, props?.["adoptExisting"] === true);
    return { id, props: outputs as RawProps, inputs: this.#toInputs(outputs) };
  }

  async update(id: string, _olds: RawProps, news: RawProps): Promise<dynamic.UpdateResult<Outputs>> {
    const desired = this.#checked(news);
    const api = this.#api();
    const ref = this.#spec.refOf(desired, api);
    const live = await api.putAsyncInvokeConfig(ref, this.#spec.putBody(desired));
    return { outs: this.#verified(id, desired, ref, live, false) };
  }

  async delete(id: string, props: RawProps): Promise<void> {
    const api = this.#api();
    const ref = this.#refFromState(id, props, api);
    try {
      await api.deleteAsyncInvokeConfig(ref);
    } catch (error) {
      if (isNotFoundError(error) && this.#spec.goneCodes.has(error.code)) return;
      throw error;
    }
  }

  // ---- helpers

  #refFromState(id: string, props: RawProps | undefined, api: Api): Ref {
    let outputs: Outputs | undefined;
    try {
      outputs = this.#spec.parseStateOutputs(withoutProvider(props));
    } catch {
      outputs = undefined;
    }
    // The state's own record first (it says how the config is addressed), then the id alone (`get`, no state).
    if (outputs !== undefined) return this.#spec.refOf(outputs, api);
    const fromId = this.#spec.parseId(id);
    if (fromId !== undefined) return fromId;
    throw new Error(`cannot tell which ${this.#spec.configName} the resource with id ${JSON.stringify(id)} refers to: expected ${this.#spec.idShape}`);
  }

  async #getIfExists(api: Api, ref: Ref): Promise<Live | undefined> {
    try {
      return await api.getAsyncInvokeConfig(ref);
    } catch (error) {
      if (isNotFoundError(error) && this.#spec.goneCodes.has(error.code)) return undefined;
      throw error;
    }
  }

  /** Inputs matching the live values, so a refresh makes the next diff compare the program with the cloud. */
  #toInputs(outputs: Outputs): RawProps {
    const all = outputs as Record<string, unknown>;
    const inputs: RawProps = {};
    for (const key of [...this.#identityKeys(all), ...this.#spec.settingKeys]) inputs[key] = all[key];
    if (outputs.adoptExisting) inputs["adoptExisting"] = true;
    return inputs;
  }

  #mismatched(outputs: Outputs, desired: Checked): string[] {
    return changedKeys(outputs as Record<string, unknown>, desired as Record<string, unknown>, this.#spec.settingKeys);
  }

  #identityKeys(config: Record<string, unknown>): readonly string[] {
    return this.#spec.identityKeysOf?.(config) ?? this.#spec.identityKeys;
  }

  /** Inputs `check` accepted, parsed again (a failure here means the engine sent what `check` never saw). */
  #checked(inputs: RawProps): Checked {
    const result = this.#safeParse(this.#spec.prepareInput(withoutProvider(inputs)));
    if (!result.success) throw new Error(result.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`.trim()).join("; "));
    return result.data;
  }

  #safeParse(prepared: unknown): z.ZodSafeParseResult<Checked> {
    const { parse, schema } = this.#spec;
    if (parse !== undefined) return parse(prepared);
    if (schema === undefined) throw new Error(`${this.#spec.configName}: the resource spec gives neither schema nor parse`);
    return schema.safeParse(prepared);
  }

  #verified(id: string, desired: Checked, ref: Ref, live: Live, recordLive: boolean): Outputs {
    const outputs = this.#spec.toOutputs(live, ref, desired.adoptExisting);
    const mismatched = this.#mismatched(outputs, desired);
    if (mismatched.length > 0) {
      const have = outputs as Record<string, unknown>;
      const want = desired as Record<string, unknown>;
      const reasons = mismatched.map((key) => `${key} is ${JSON.stringify(have[key])}, expected ${JSON.stringify(want[key])}`);
      throw new ConfigNotAppliedError(this.#spec.service, id, outputs, reasons, recordLive);
    }
    return outputs;
  }

  /** New inputs as `check` and `diff` read them: prepared, and parsed with placeholders standing in for unknowns. */
  #parseNews(news: RawProps) {
    const prepared = this.#spec.prepareInput(withoutProvider(news));
    const { value, unknownPaths } = withPlaceholders(prepared, this.#spec.placeholders);
    return { prepared, unknownPaths, result: this.#safeParse(value) };
  }

  #normalizeNews(news: RawProps): Record<string, unknown> {
    const { prepared, unknownPaths, result } = this.#parseNews(news);
    // `check` has already refused invalid inputs; compare whatever arrived rather than fail the diff.
    return result.success ? restoreUnknowns(result.data as object, unknownPaths) : (prepared as Record<string, unknown>);
  }
}
