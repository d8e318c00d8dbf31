/**
 * The plugin's gRPC server: Pulumi's `ResourceProvider` service over `PluginProvider`.
 *
 * Written here rather than taken from `@pulumi/pulumi/provider`'s `main`, whose server answers `Configure` without
 * handing its arguments to the provider and leaves `CheckConfig` and `DiffConfig` unimplemented: a provider that
 * takes its account, region and keys from its own configuration needs all three. Methods not listed here
 * (Construct, Call, List, mappings, Parameterize) are answered UNIMPLEMENTED by grpc-js.
 *
 * Handshake and Configure answer `acceptSecrets: true`: only then does the engine send the provider configuration
 * to CheckConfig with its secrets marked, which is how CheckConfig tells a credential given as a secret from one
 * given as plain text. The resource methods unwrap secrets for the dynamic resources' code and mark secret again
 * every top-level output, checked input and read input whose input was secret.
 */
import * as grpc from "@grpc/grpc-js";
import * as anyproto from "google-protobuf/google/protobuf/any_pb";
import * as emptyproto from "google-protobuf/google/protobuf/empty_pb";
import * as plugproto from "@pulumi/pulumi/proto/plugin_pb";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as statusproto from "@pulumi/pulumi/proto/status_pb";
import type { PluginProvider } from "./provider";
import { typeOfUrn } from "./tokens";
import { configValues, fromStruct, fromStructSecrets, markSecrets, toStruct } from "./values";

type Callback<T> = (error: grpc.ServiceError | Partial<grpc.StatusObject> | null, value?: T | null, metadata?: grpc.Metadata) => void;
type Call<Req> = { request: Req };

/** A create that wrote, then found the service holding other values: the engine records it as a partial failure. */
interface InitFailure {
  readonly message: string;
  readonly id?: string | undefined;
  readonly properties?: unknown;
  readonly reasons?: readonly string[];
}

/** The error a failed method answers with; a partial create carries its id and live values as details. */
export function errorStatus(error: unknown): Partial<grpc.StatusObject> {
  const failure = error as InitFailure;
  const message = error instanceof Error ? error.message : String(error);
  const metadata = new grpc.Metadata();
  if (typeof failure?.id === "string" && failure.id !== "") {
    const detail = new provproto.ErrorResourceInitFailed();
    detail.setId(failure.id);
    detail.setProperties(toStruct((failure.properties ?? {}) as Record<string, unknown>));
    detail.setReasonsList([...(failure.reasons ?? [])]);
    const any = new anyproto.Any();
    any.pack(detail.serializeBinary(), "pulumirpc.ErrorResourceInitFailed");
    const status = new statusproto.Status();
    status.setCode(grpc.status.UNKNOWN);
    status.setMessage(message);
    status.addDetails(any);
    metadata.add("grpc-status-details-bin", Buffer.from(status.serializeBinary()));
  }
  return { code: grpc.status.UNKNOWN, details: message, metadata };
}

function failureList(failures: readonly { property: string; reason: string }[]): provproto.CheckFailure[] {
  return failures.map((f) => {
    const failure = new provproto.CheckFailure();
    failure.setProperty(f.property);
    failure.setReason(f.reason);
    return failure;
  });
}

/** `handler` answered through `callback`; a throw or rejection becomes the call's error. */
function answer<Req, Res>(handler: (request: Req) => Promise<Res> | Res) {
  return (call: Call<Req>, callback: Callback<Res>) => {
    Promise.resolve()
      .then(() => handler(call.request))
      .then(
        (response) => callback(null, response),
        (error: unknown) => {
          const status = errorStatus(error);
          callback(status, null, status.metadata);
        },
      );
  };
}

/** The service implementation: one object of handlers, by method name. */
export function providerService(provider: PluginProvider, info: { version: string; schema: string }): grpc.UntypedServiceImplementation {
  const typeOf = (request: { getUrn(): string; getType?: () => string }) => request.getType?.() || typeOfUrn(request.getUrn());
  return {
    getPluginInfo: answer(() => new plugproto.PluginInfo().setVersion(info.version)),
    getSchema: answer((request: provproto.GetSchemaRequest) => {
      if (request.getVersion() !== 0) throw new Error(`unsupported schema version ${request.getVersion()}`);
      return new provproto.GetSchemaResponse().setSchema(info.schema);
    }),
    cancel: answer(() => new emptyproto.Empty()),
    handshake: answer(() =>
      new provproto.ProviderHandshakeResponse().setAcceptSecrets(true).setAcceptResources(false).setAcceptOutputs(false).setSupportsAutonamingConfiguration(false),
    ),
    attach: answer(() => new emptyproto.Empty()),
    checkConfig: answer((request: provproto.CheckRequest) => {
      const news = request.getNews()?.toJavaScript() ?? {};
      const response = new provproto.CheckResponse();
      // The inputs go back as they came, secrets still marked, so the engine stores them encrypted.
      response.setInputs(request.getNews());
      response.setFailuresList(failureList(provider.checkConfig(configValues(news))));
      return response;
    }),
    diffConfig: answer((request: provproto.DiffRequest) => {
      const changed = provider.diffConfig(fromStruct(request.getOldInputs() ?? request.getOlds()), fromStruct(request.getNews()));
      const response = new provproto.DiffResponse();
      response.setChanges(changed.length > 0 ? provproto.DiffResponse.DiffChanges.DIFF_SOME : provproto.DiffResponse.DiffChanges.DIFF_NONE);
      response.setDiffsList(changed);
      return response;
    }),
    configure: answer((request: provproto.ConfigureRequest) => {
      const args = request.getArgs();
      if (args !== undefined) {
        provider.configure(configValues(args.toJavaScript() as Record<string, unknown>));
      } else {
        // Engines before `args` sent `asyncinvoke:config:<key>` variables, secrets already decrypted.
        const values: Record<string, { value: unknown; secret: boolean }> = {};
        for (const [key, value] of request.getVariablesMap().entries()) values[key.replace(/^[^:]+:(config:)?/, "")] = { value, secret: true };
        provider.configure(values);
      }
      const response = new provproto.ConfigureResponse();
      response.setAcceptsecrets(true);
      response.setAcceptresources(false);
      response.setSupportspreview(false);
      response.setAcceptoutputs(false);
      return response;
    }),
    check: answer(async (request: provproto.CheckRequest) => {
      const news = fromStructSecrets(request.getNews());
      const result = await provider.check(typeOf(request), fromStruct(request.getOlds()), news.props);
      const response = new provproto.CheckResponse();
      response.setInputs(toStruct(markSecrets(result.inputs as Record<string, unknown> | undefined, news.secretKeys)));
      response.setFailuresList(failureList(result.failures ?? []));
      return response;
    }),
    diff: answer(async (request: provproto.DiffRequest) => {
      const oldInputs = request.getOldInputs();
      const result = await provider.diff(typeOf(request), request.getId(), fromStruct(request.getOlds()), fromStruct(request.getNews()), oldInputs && fromStruct(oldInputs));
      const response = new provproto.DiffResponse();
      const { DIFF_SOME, DIFF_NONE, DIFF_UNKNOWN } = provproto.DiffResponse.DiffChanges;
      // "Unknown" (the dynamic providers' answer for in-place changes) lets the engine list the changed properties
      // from old and new inputs, as it does for the dynamic resources.
      response.setChanges(result.changes === true ? DIFF_SOME : result.changes === false ? DIFF_NONE : DIFF_UNKNOWN);
      response.setReplacesList([...result.replaces]);
      response.setDeletebeforereplace(result.deleteBeforeReplace);
      if (result.changes === true) response.setDiffsList([...result.diffs]);
      return response;
    }),
    create: answer(async (request: provproto.CreateRequest) => {
      const inputs = fromStructSecrets(request.getProperties());
      // After a handshake the engine asks for creates and updates during preview too: answer what is planned, call nothing.
      if (request.getPreview()) return new provproto.CreateResponse().setProperties(request.getProperties());
      const result = await provider.create(typeOf(request), inputs.props);
      return new provproto.CreateResponse().setId(result.id).setProperties(toStruct(markSecrets(result.outs as Record<string, unknown>, inputs.secretKeys)));
    }),
    read: answer(async (request: provproto.ReadRequest) => {
      const state = fromStructSecrets(request.getProperties());
      const secretKeys = new Set([...state.secretKeys, ...fromStructSecrets(request.getInputs()).secretKeys]);
      const result = await provider.read(typeOf(request), request.getId(), state.props);
      const response = new provproto.ReadResponse();
      // Gone: no id, and the engine drops the resource.
      if (result.id === undefined || result.id === "") return response;
      response.setId(result.id);
      response.setProperties(toStruct(markSecrets(result.props, secretKeys)));
      if (result.inputs !== undefined) response.setInputs(toStruct(markSecrets(result.inputs, secretKeys)));
      return response;
    }),
    update: answer(async (request: provproto.UpdateRequest) => {
      if (request.getPreview()) return new provproto.UpdateResponse().setProperties(toStruct({ ...request.getOlds()?.toJavaScript(), ...request.getNews()?.toJavaScript() }));
      const news = fromStructSecrets(request.getNews());
      const result = await provider.update(typeOf(request), request.getId(), fromStruct(request.getOlds()), news.props);
      return new provproto.UpdateResponse().setProperties(toStruct(markSecrets(result.outs as Record<string, unknown> | undefined, news.secretKeys)));
    }),
    delete: answer(async (request: provproto.DeleteRequest) => {
      await provider.delete(typeOf(request), request.getId(), fromStruct(request.getProperties()));
      return new emptyproto.Empty();
    }),
    invoke: answer(async (request: provproto.InvokeRequest) => {
      const result = await provider.invoke(request.getTok(), fromStruct(request.getArgs()));
      const response = new provproto.InvokeResponse();
      if (result.outputs !== undefined) response.setReturn(toStruct(result.outputs));
      response.setFailuresList(failureList(result.failures ?? []));
      return response;
    }),
  };
}

/** Serves `provider` on a free local port and resolves to the server and its port. */
export async function serve(provider: PluginProvider, info: { version: string; schema: string }): Promise<{ server: grpc.Server; port: number }> {
  const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
  server.addService(provrpc.ResourceProviderService, providerService(provider, info));
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  return { server, port };
}
