// aliyun/fc-python-sdk `test/` (commit a4e2957), ported: each test makes the requests fc2.Client makes
// (rebuilt in ./sdk-wire.ts: its headers, its signing, json.dumps bodies with nulls) and keeps the
// suite's name and assertions. `with self.assertRaises(fc2.FcError)` becomes an exact status and code.
//
// Ported here: service_test (test_create, test_update, test_vpcConfig, test_nasConfig, test_tracingConfig, test_list),
// version_test (test_version, test_alias, test_get_service, test_get_function, test_list_functions,
// test_invoke_function, with its setUp and tearDown: versions are deleted before the aliases on them),
// async_config_test (test_async_config, with its tearDown). Code the suite zips from its folders
// (test/hello_world) is rebuilt from the suite's own files.
// Not supported by the emulator (each asserted below with the exact answer):
// | suite test                                        | operation                 | emulator answers            |
// |---------------------------------------------------|---------------------------|-----------------------------|
// | service_test test_list, tag part                  | TagResource               | 400 PathNotSupported        |
// | service_test test_list, list_services(tags=…)     | ListServices by tag       | 400 NotSupportedByEmulator  |
// | tag_test test_tag                                 | TagResource               | 400 PathNotSupported        |
// | custom_domain_test (all)                          | CreateCustomDomain        | 400 PathNotSupported        |
// | trigger_test (all)                                | CreateTrigger             | 400 PathNotSupported        |
// | provision_test (all)                              | PutProvisionConfig        | 400 PathNotSupported        |
// | on_demand_config_test (all)                       | PutOnDemandConfig         | 400 PathNotSupported        |
// | reserved_capacity_test                            | ListReservedCapacities    | 400 PathNotSupported        |
// | get_account_test                                  | GetAccountSettings        | 400 PathNotSupported        |
// | version_test tearDown, list_triggers              | ListTriggers              | 400 PathNotSupported        |
// | version_test test_invoke_function (python2.7)     | InvokeFunction (python)   | 400 NotSupportedByEmulator  |
// | async_config_test / function_test python2.7 code  | InvokeFunction (python)   | 400 NotSupportedByEmulator  |
// function_test.py is ported in ./fc-python-sdk-functions.test.ts.
import { beforeAll, describe, expect, test } from "vitest";
import { useEmulator } from "../../../kit/emulator";
import { strToU8, zipSync } from "fflate";
import { PythonFcClient, sdkFailure } from "./sdk-wire";

const t = useEmulator({}, { resetEach: false });
let client: PythonFcClient;
const V = "/2016-08-15";

beforeAll(() => {
  client = new PythonFcClient(t.fc.url, t.fc.credentials.accessKeyId, t.fc.credentials.accessKeySecret);
});

// fc2.Client's methods, as client.py builds their requests.
const py = {
  createService: (name: string, o: { description?: string | null; role?: string; vpcConfig?: object; nasConfig?: object; tracingConfig?: object; internetAccess?: boolean } = {}) => {
    const payload: Record<string, unknown> = { serviceName: name, description: o.description ?? null };
    if (o.role) payload["role"] = o.role;
    if (o.vpcConfig) payload["vpcConfig"] = o.vpcConfig;
    if (o.internetAccess !== undefined) payload["internetAccess"] = o.internetAccess;
    if (o.nasConfig) payload["nasConfig"] = o.nasConfig;
    if (o.tracingConfig) payload["tracingConfig"] = o.tracingConfig;
    return client.request("POST", `${V}/services`, { payload });
  },
  updateService: (name: string, o: { description?: string; role?: string; vpcConfig?: object; nasConfig?: object; tracingConfig?: object; internetAccess?: boolean }, headers: Record<string, string> = {}) => {
    const payload: Record<string, unknown> = {};
    if (o.description) payload["description"] = o.description;
    if (o.role) payload["role"] = o.role;
    if (o.internetAccess !== undefined) payload["internetAccess"] = o.internetAccess;
    if (o.vpcConfig) payload["vpcConfig"] = o.vpcConfig;
    if (o.nasConfig) payload["nasConfig"] = o.nasConfig;
    if (o.tracingConfig) payload["tracingConfig"] = o.tracingConfig;
    return client.request("PUT", `${V}/services/${name}`, { payload, headers });
  },
  getService: (name: string, headers: Record<string, string> = {}, qualifier?: string) => client.request("GET", client.svc(name, qualifier), { headers }),
  deleteService: (name: string, headers: Record<string, string> = {}) => client.request("DELETE", `${V}/services/${name}`, { headers }),
  listServices: (p: { limit?: number; nextToken?: string; prefix?: string; startKey?: string; tags?: Record<string, string> }) => {
    const params: Record<string, string | number> = {};
    for (const key of ["limit", "nextToken", "prefix", "startKey"] as const) if (p[key]) params[key] = p[key] as string | number;
    for (const [k, v] of Object.entries(p.tags ?? {})) params[`tag_${k}`] = v;
    return client.request("GET", `${V}/services`, { params });
  },
  tagResource: (resourceArn: string, tags: Record<string, string>) => client.request("POST", `${V}/tag`, { payload: { resourceArn, tags } }),
  createFunction: (service: string, functionName: string, handler: string, runtime: string, zipFile: string) =>
    client.request("POST", `${V}/services/${service}/functions`, { payload: { functionName, handler, runtime, code: { zipFile } } }),
  publishVersion: (service: string, description?: string) => client.request("POST", `${V}/services/${service}/versions`, { payload: description ? { description } : {} }),
  listVersions: (service: string, p: { limit?: number; nextToken?: string } = {}) => client.request("GET", `${V}/services/${service}/versions`, { params: p as Record<string, string | number> }),
  deleteVersion: (service: string, v: string) => client.request("DELETE", `${V}/services/${service}/versions/${v}`),
  createAlias: (service: string, aliasName: string, versionId: string, description?: string, additionalVersionWeight?: object) => {
    const payload: Record<string, unknown> = { aliasName, versionId };
    if (description) payload["description"] = description;
    if (additionalVersionWeight) payload["additionalVersionWeight"] = additionalVersionWeight;
    return client.request("POST", `${V}/services/${service}/aliases`, { payload });
  },
  getAlias: (service: string, alias: string) => client.request("GET", `${V}/services/${service}/aliases/${alias}`),
  updateAlias: (service: string, alias: string, versionId: string, description?: string, additionalVersionWeight?: object) => {
    const payload: Record<string, unknown> = {};
    if (versionId) payload["versionId"] = versionId;
    if (description) payload["description"] = description;
    if (additionalVersionWeight) payload["additionalVersionWeight"] = additionalVersionWeight;
    return client.request("PUT", `${V}/services/${service}/aliases/${alias}`, { payload });
  },
  deleteAlias: (service: string, alias: string) => client.request("DELETE", `${V}/services/${service}/aliases/${alias}`),
  listAliases: (service: string, p: { limit?: number; nextToken?: string } = {}) => client.request("GET", `${V}/services/${service}/aliases`, { params: p as Record<string, string | number> }),
  putAsyncConfig: (service: string, qualifier: string, fn: string, config: object) =>
    client.request("PUT", `${V}/services/${service}.${qualifier}/functions/${fn}/async-invoke-config`, { payload: config }),
  getAsyncConfig: (service: string, qualifier: string, fn: string) => client.request("GET", `${V}/services/${service}.${qualifier}/functions/${fn}/async-invoke-config`),
  listAsyncConfigs: (service: string, fn: string) => client.request("GET", `${V}/services/${service}/functions/${fn}/async-invoke-configs`, { params: {} }),
  deleteAsyncConfig: (service: string, qualifier: string, fn: string) => client.request("DELETE", `${V}/services/${service}.${qualifier}/functions/${fn}/async-invoke-config`),
};

const HELLO_WORLD_MAIN = "import json\n\ndef my_handler(event, context):\n    return 'hello world'\n";
const FIXED_MTIME = { mtime: new Date("2020-01-01T00:00:00Z") };
/** test/hello_world/hello_world.zip: its main.py. */
const HELLO_WORLD_ZIP = Buffer.from(zipSync({ "main.py": strToU8(HELLO_WORLD_MAIN) }, FIXED_MTIME)).toString("base64");
// test/hello_world as the SDK's codeDir zips it: its two Python files (the suite's own text) and its zip.
const HELLO_WORLD_DIR_ZIP = Buffer.from(zipSync({
  "main.py": strToU8(HELLO_WORLD_MAIN),
  "a.py": strToU8("def my_handler(event, context):\n    return 'new hello world'\n"),
  "hello_world.zip": zipSync({ "main.py": strToU8(HELLO_WORLD_MAIN) }, FIXED_MTIME),
}, FIXED_MTIME)).toString("base64");

const notSupported = (method: string, path: string) => ({ status: 400, code: "PathNotSupported", message: `'${method}' against '${path}' is not supported` });

describe("service_test TestService", () => {
  test("test_create", async () => {
    const name = "test_create_abcdefgh";
    const desc = "这是测试service";
    const created = await py.createService(name, { description: desc });
    const etag = created.headers["etag"] as string;
    expect(etag).toMatch(/^[0-9a-f]{32}$/);
    expect(created.data).toMatchObject({ serviceName: name, description: desc });
    for (const key of ["createdTime", "lastModifiedTime", "logConfig", "role", "serviceId"]) expect(created.data).toHaveProperty(key);
    const got = await py.getService(name, { "x-fc-trace-id": "5f0c6a1e-6c1d-4d0b-9a55-3b8b6f1a2e10" });
    expect(got.data).toMatchObject({ serviceName: name, description: desc });
    // expect the delete service failed because of invalid etag.
    expect(await sdkFailure(py.deleteService(name, { "if-match": "invalid etag" }))).toEqual({
      status: 412, code: "PreconditionFailed", message: "the resource has changed: If-Match 'invalid etag' does not match its current ETag",
    });
    // now success with valid etag.
    expect((await py.deleteService(name, { "if-match": etag })).status).toBe(204);
  });

  test("test_update", async () => {
    const name = "test_update_abcdefgh";
    await py.createService(name);
    const desc = "service description";
    const service = await py.updateService(name, { description: desc });
    expect(service.data["description"]).toBe(desc);
    expect(await sdkFailure(py.updateService(name, { description: "invalid" }, { "if-match": "invalid etag" }))).toMatchObject({ status: 412, code: "PreconditionFailed" });
    expect((await py.getService(name)).data["description"]).toBe(desc);
    await py.deleteService(name);
  });

  test("test_vpcConfig", async () => {
    const name = "test_vpcConfigAbC12345";
    const vpcConfig = { vpcId: "vpc-1", vSwitchIds: ["vsw-1"], securityGroupId: "sg-1" };
    const role = "acs:ram::1234567890123456:role/fc-vpc";
    let service = (await py.createService(name, { role, vpcConfig })).data;
    expect(service).toMatchObject({ serviceName: name, internetAccess: true, vpcConfig });
    for (const key of ["createdTime", "lastModifiedTime", "logConfig", "role", "serviceId"]) expect(service).toHaveProperty(key);
    service = (await py.updateService(name, { internetAccess: false })).data;
    expect(service["internetAccess"]).toBe(false);
    await py.deleteService(name);
    service = (await py.createService(name)).data;
    expect(service["internetAccess"]).toBe(true);
    service = (await py.updateService(name, { role, vpcConfig })).data;
    expect(service).toMatchObject({ internetAccess: true, vpcConfig });
    await py.deleteService(name);
  });

  test("test_nasConfig", async () => {
    const name = "test_nasConfig";
    const vpcConfig = { vpcId: "vpc-1", vSwitchIds: ["vsw-1"], securityGroupId: "sg-1" };
    const mountPoints = [{ serverAddr: "012194b28f-ujc20.cn-hangzhou.nas.aliyuncs.com:/", mountDir: "/mnt/nas" }];
    const service = (await py.createService(name, { role: "acs:ram::1:role/r", vpcConfig, nasConfig: { userId: 1000, groupId: 1000, mountPoints } })).data;
    expect(service).toMatchObject({ serviceName: name, internetAccess: true, vpcConfig, nasConfig: { userId: 1000, groupId: 1000, mountPoints } });
    for (const key of ["createdTime", "lastModifiedTime", "logConfig", "role", "serviceId"]) expect(service).toHaveProperty(key);
    const updated = (await py.updateService(name, { nasConfig: { userId: -1, groupId: -1, mountPoints } })).data;
    expect([updated["nasConfig"]["userId"], updated["nasConfig"]["groupId"]]).toEqual([-1, -1]);
    await py.deleteService(name);
  });

  test("test_tracingConfig", async () => {
    const name = "test_tracingConfigAbC12345";
    const tracingConfig = { type: "Jaeger", params: { endpoint: "http://tracing.example/api/traces" } };
    const service = (await py.createService(name, { role: "acs:ram::1:role/r", tracingConfig })).data;
    expect(service["tracingConfig"]).toEqual(tracingConfig);
    expect((await py.getService(name)).data["tracingConfig"]).toEqual(tracingConfig);
    const updated = (await py.updateService(name, { tracingConfig: {} })).data;
    expect(updated["tracingConfig"]).toEqual({ type: null, params: null });
    await py.deleteService(name);
  });

  test("test_list", async () => {
    const prefix = "test_list_";
    for (const s of ["abc", "abd", "ade", "bcd", "bde", "zzz"]) await py.createService(prefix + s);
    // tag_resource: not supported (see the table).
    expect(await sdkFailure(py.tagResource(`acs:fc:cn-shanghai:1:services/${prefix}abc`, { k1: "v1", k3: "v3" }))).toEqual(notSupported("POST", `${V}/tag`));
    const names = (r: { data: { services: Array<{ serviceName: string }> } }) => r.data.services.map((s) => s.serviceName);

    let r = await py.listServices({ limit: 2, startKey: `${prefix}b` });
    const nextToken = r.data["nextToken"] as string;
    expect(names(r)).toEqual([`${prefix}bcd`, `${prefix}bde`]);
    r = await py.listServices({ limit: 1, startKey: `${prefix}b`, nextToken });
    expect(names(r)).toEqual([`${prefix}zzz`]);
    // It's ok to omit the startKey and only provide continuationToken.
    r = await py.listServices({ limit: 1, nextToken });
    expect(names(r)).toEqual([`${prefix}zzz`]);
    // If continuationToken is provided, along with a prefix, then the prefix is considered.
    r = await py.listServices({ limit: 2, prefix: `${prefix}x`, nextToken });
    expect(names(r)).toEqual([]);
    r = await py.listServices({ limit: 2, prefix: `${prefix}a` });
    expect(names(r)).toEqual([`${prefix}abc`, `${prefix}abd`]);
    // list_services(tags=…): not supported (see the table).
    expect(await sdkFailure(py.listServices({ prefix: `${prefix}a`, tags: { k3: "v3" } }))).toEqual({
      status: 400, code: "NotSupportedByEmulator", message: "not supported by the emulator: filtering services by tag (tag_k3): the emulator has no tags",
    });
    // list services with prefix and startKey
    r = await py.listServices({ limit: 2, prefix: `${prefix}ab`, startKey: `${prefix}abd` });
    expect(names(r)).toEqual([`${prefix}abd`]);
  });
});

describe("version_test TestVersioning", () => {
  // The suite's setUp and tearDown, in its order: functions (each after listing its triggers), then every
  // version, then every alias, then the service. Versions go before the aliases that point to them, as the
  // suite does against the cloud. The service name is the suite's prefix plus 8 letters (random there).
  let service = "";
  let serial = 0;
  const setUp = async () => {
    service = `test_version_abcdefg${"abcdefghijklmnopqrstuvwxyz"[serial++ % 26]}`;
    const created = await py.createService(service, { description: "这是测试service" });
    expect(created.headers["etag"]).toMatch(/^[0-9a-f]{32}$/);
    expect(created.data).toMatchObject({ serviceName: service, description: "这是测试service" });
    for (const key of ["createdTime", "lastModifiedTime", "logConfig", "role", "serviceId"]) expect(created.data).toHaveProperty(key);
  };
  const all = async (path: string, key: string) => {
    let data = (await client.request("GET", path, { params: {} })).data;
    const items = [...data[key]];
    let nextToken = data["nextToken"];
    while (nextToken) {
      data = (await client.request("GET", path, { params: { nextToken } })).data;
      items.push(...data[key]);
      nextToken = data["nextToken"];
    }
    return items;
  };
  const tearDown = async () => {
    for (const f of (await client.request("GET", `${V}/services/${service}/functions`)).data["functions"]) {
      // list_triggers: not supported (see the table); the suite deletes each trigger, there are none.
      const triggers = `${V}/services/${service}/functions/${f.functionName}/triggers`;
      expect(await sdkFailure(client.request("GET", triggers, { params: {} }))).toEqual(notSupported("GET", triggers));
      await client.request("DELETE", `${V}/services/${service}/functions/${f.functionName}`);
    }
    for (const v of await all(`${V}/services/${service}/versions`, "versions")) expect((await py.deleteVersion(service, v.versionId)).status).toBe(204);
    for (const a of await all(`${V}/services/${service}/aliases`, "aliases")) expect((await py.deleteAlias(service, a.aliasName)).status).toBe(204);
    expect((await py.deleteService(service)).status).toBe(204);
  };
  const versioningTest = (name: string, body: () => Promise<void>) =>
    test(name, async () => {
      await setUp();
      try {
        await body();
      } finally {
        await tearDown();
      }
    });
  const aliasFields = (r: Record<string, unknown>, name: string, versionId: string, description: string, weight: object) => {
    expect(r).toMatchObject({ aliasName: name, versionId, description, additionalVersionWeight: weight });
    expect(r).toHaveProperty("createdTime");
    expect(r).toHaveProperty("lastModifiedTime");
  };
  const getFunction = (fn: string, qualifier?: string) => client.request("GET", `${client.svc(service, qualifier)}/functions/${fn}`);
  const getFunctionCode = (fn: string, qualifier?: string) => client.request("GET", `${client.svc(service, qualifier)}/functions/${fn}/code`);
  const listFunctions = (qualifier?: string) => client.request("GET", `${client.svc(service, qualifier)}/functions`, { params: {} });
  const createFunction = (fn: string, handler: string, zipFile: string, description?: string, environmentVariables?: object) =>
    client.request("POST", `${V}/services/${service}/functions`, {
      payload: { functionName: fn, runtime: "python2.7", handler, code: { zipFile }, ...(description !== undefined && { description }), ...(environmentVariables !== undefined && { environmentVariables }) },
    });
  const updateFunction = (fn: string, payload: object) => client.request("PUT", `${V}/services/${service}/functions/${fn}`, { payload });
  const checkFunction = async (fn: string, desc: string, checksum: string, qualifier?: string) => {
    expect((await getFunction(fn, qualifier)).data).toMatchObject({ functionName: fn, runtime: "python2.7", handler: "main.my_handler", description: desc });
    const code = (await getFunctionCode(fn, qualifier)).data;
    expect(code["checksum"]).toBe(checksum);
    expect(code["url"]).not.toBe("");
  };

  versioningTest("test_version", async () => {
    const data = (await py.publishVersion(service, "test service v1")).data;
    expect(data).toHaveProperty("versionId");
    expect(data["description"]).toBe("test service v1");
    expect(data).toHaveProperty("createdTime");
    expect(data).toHaveProperty("lastModifiedTime");
    const v1 = data["versionId"] as string;
    expect(await sdkFailure(py.publishVersion(service, "test service v2"))).toMatchObject({ status: 400, code: "InvalidArgument" });
    expect(await sdkFailure(py.deleteService(service))).toMatchObject({ status: 400, code: "ServiceNotEmpty" });
    await py.deleteVersion(service, v1);
    expect((await py.listVersions(service, { limit: 2 })).data["versions"]).toHaveLength(0);
    for (let i = 0; i < 6; i++) {
      const desc = `service description${i}`;
      expect((await py.updateService(service, { description: desc })).data["description"]).toBe(desc);
      const version = String(i + 2);
      const r = (await py.publishVersion(service, `test service v${version}`)).data;
      expect(r).toMatchObject({ versionId: version, description: `test service v${version}` });
      expect(r).toHaveProperty("createdTime");
      expect(r).toHaveProperty("lastModifiedTime");
    }
    let page = (await py.listVersions(service, { limit: 2 })).data;
    const versions = page["versions"] as Array<Record<string, unknown>>;
    let nextToken = page["nextToken"] as string;
    expect(versions).toHaveLength(2);
    for (const v of versions) for (const key of ["versionId", "description", "createdTime", "lastModifiedTime"]) expect(v).toHaveProperty(key);
    expect(nextToken).not.toBeNull();
    let total = 2;
    while (nextToken) {
      page = (await py.listVersions(service, { nextToken })).data;
      nextToken = page["nextToken"];
      total += page["versions"].length;
    }
    expect(total).toBe(6);
  });

  versioningTest("test_alias", async () => {
    const v1 = (await py.publishVersion(service, "test service v1")).data["versionId"] as string;
    aliasFields((await py.createAlias(service, "test", v1, "test alias", { "1": 0.9 })).data, "test", v1, "test alias", { "1": 0.9 });
    aliasFields((await py.getAlias(service, "test")).data, "test", v1, "test alias", { "1": 0.9 });
    aliasFields((await py.updateAlias(service, "test", v1, "test alias_update", { "1": 0.8 })).data, "test", v1, "test alias_update", { "1": 0.8 });
    await py.deleteAlias(service, "test");
    expect(await sdkFailure(py.getAlias(service, "test"))).toMatchObject({ status: 404, code: "AliasNotFound" });
    for (let i = 0; i < 6; i++) {
      const desc = `service description${i}`;
      expect((await py.updateService(service, { description: desc })).data["description"]).toBe(desc);
      const version = String(i + 2);
      await py.publishVersion(service, `test service v${version}`);
      await py.createAlias(service, `test${version}`, v1, `test alias${version}`, { "1": 0.9 });
    }
    let page = (await py.listAliases(service, { limit: 2 })).data;
    const aliases = page["aliases"] as Array<Record<string, unknown>>;
    let nextToken = page["nextToken"] as string;
    expect(aliases).toHaveLength(2);
    for (const a of aliases) for (const key of ["aliasName", "versionId", "description", "createdTime", "lastModifiedTime"]) expect(a).toHaveProperty(key);
    expect(nextToken).not.toBeNull();
    let total = 2;
    while (nextToken) {
      page = (await py.listAliases(service, { nextToken })).data;
      nextToken = page["nextToken"];
      total += page["aliases"].length;
    }
    expect(total).toBe(6);
  });

  versioningTest("test_get_service", async () => {
    const v1 = (await py.publishVersion(service, "test service v1 desc")).data["versionId"] as string;
    let got = (await py.getService(service, { "x-fc-trace-id": "7c1f0d7e-3a4b-4c55-9d21-6b0e8f2a4c33" }, v1)).data;
    expect(got).toMatchObject({ serviceName: service, description: "test service v1 desc" });
    expect((await py.getService(service)).data).toMatchObject({ serviceName: service, description: "这是测试service" });
    await py.updateService(service, { description: "update test service v2 desc" });
    const v2 = (await py.publishVersion(service, "test service v2 desc")).data["versionId"] as string;
    expect((await py.getService(service, {}, v2)).data).toMatchObject({ serviceName: service, description: "test service v2 desc" });
    expect((await py.getService(service)).data).toMatchObject({ serviceName: service, description: "update test service v2 desc" });
    await py.createAlias(service, "test", v1, "test alias", { "1": 0.9 });
    got = (await py.getService(service, {}, "test")).data;
    expect(got).toMatchObject({ serviceName: service, description: "test service v1 desc" });
  });

  versioningTest("test_get_function", async () => {
    const functionName = "test_function_abcdefgh";
    const desc = "这是测试function";
    // codeDir='test/hello_world' (the SDK zips the folder: main.py, a.py, hello_world.zip) and later
    // codeZipFile='test/hello_world/hello_world.zip' (main.py): two different packages, rebuilt here.
    const created = (await createFunction(functionName, "main.my_handler", HELLO_WORLD_DIR_ZIP, desc, { testKey: "testValue" })).data;
    expect(created["environmentVariables"]["testKey"]).toBe("testValue");
    const checksum = created["codeChecksum"] as string;
    await checkFunction(functionName, desc, checksum);
    const v1 = (await py.publishVersion(service, "test service v1 desc")).data["versionId"] as string;
    await py.createAlias(service, "test", v1, "test alias", { "1": 0.9 });
    await checkFunction(functionName, desc, checksum, v1);
    await checkFunction(functionName, desc, checksum, "test");
    const updated = (await updateFunction(functionName, { code: { zipFile: HELLO_WORLD_ZIP }, description: "update function desc", environmentVariables: { newTestKey: "newTestValue" } })).data;
    expect(updated["description"]).toBe("update function desc");
    expect(updated["environmentVariables"]["newTestKey"]).toBe("newTestValue");
    const checksum2 = updated["codeChecksum"] as string;
    expect(checksum2).not.toBe(checksum);
    await checkFunction(functionName, "update function desc", checksum2);
    const v2 = (await py.publishVersion(service, "test service v2 desc")).data["versionId"] as string;
    await py.createAlias(service, "prod", v2, "test alias", { "1": 0.8 });
    await checkFunction(functionName, "update function desc", checksum2, v2);
    await checkFunction(functionName, "update function desc", checksum2, "prod");
  });

  versioningTest("test_list_functions", async () => {
    const prefix = "test_list_";
    for (const s of ["abc", "abd", "ade"]) await createFunction(prefix + s, "main.my_handler", HELLO_WORLD_ZIP);
    const v1 = (await py.publishVersion(service, "test service v1 desc")).data["versionId"] as string;
    await py.createAlias(service, "test", v1, "test alias", { "1": 0.9 });
    for (const s of ["bcd", "bde", "zzz"]) await createFunction(prefix + s, "main.my_handler", HELLO_WORLD_ZIP);
    const v2 = (await py.publishVersion(service, "test service v2 desc")).data["versionId"] as string;
    await py.createAlias(service, "prod", v2, "test alias", { "1": 0.8 });
    expect((await listFunctions()).data["functions"]).toHaveLength(6);
    const r1 = (await listFunctions("test")).data;
    const r2 = (await listFunctions(v1)).data;
    expect(r1).toEqual(r2);
    expect(r1["functions"]).toHaveLength(3);
    const r3 = (await listFunctions("prod")).data;
    const r4 = (await listFunctions(v2)).data;
    expect(r3).toEqual(r4);
    expect(r3["functions"]).toHaveLength(6);
  });

  versioningTest("test_invoke_function", async () => {
    const functionName = "test_function_bcdefghi";
    await createFunction(functionName, "main.my_handler", HELLO_WORLD_DIR_ZIP, "这是测试function");
    const v1 = (await py.publishVersion(service, "test service v1 desc")).data["versionId"] as string;
    await py.createAlias(service, "test", v1, "test alias", { [v1]: 1.0 });
    await updateFunction(functionName, { handler: "a.my_handler", runtime: "python2.7", code: { zipFile: HELLO_WORLD_DIR_ZIP }, description: "update function desc" });
    const v2 = (await py.publishVersion(service, "test service v2 desc")).data["versionId"] as string;
    await py.createAlias(service, "prod", v2, "test alias", { [v2]: 1.0 });
    // invoke_function of python2.7 code: not supported (see the table), whatever the qualifier.
    for (const qualifier of [undefined, v1, "test", v2, "prod"]) {
      const call = client.request("POST", `${client.svc(service, qualifier)}/functions/${functionName}/invocations`, { raiseOnFunctionError: true });
      expect(await sdkFailure(call)).toEqual({
        status: 400, code: "NotSupportedByEmulator", message: `not supported by the emulator: function '${functionName}' has runtime 'python2.7'; the emulator runs only Node.js (nodejs*) functions`,
      });
    }
  });
});

describe("async_config_test TestFunction", () => {
  test("test_async_config", async () => {
    await t.fc.control.reset();
    const serviceName = "test-async-config-abcdefgh";
    const functionName = serviceName;
    await py.createService(serviceName, { role: "acs:ram::1:role/r" });
    // The suite uploads Python code (runtime python2.7): created and stored, never run by the emulator.
    await py.createFunction(serviceName, functionName, "main.my_handler", "python2.7", HELLO_WORLD_DIR_ZIP);
    const v1 = (await py.publishVersion(serviceName, "test service v1")).data["versionId"] as string;
    expect((await py.createAlias(serviceName, "test", v1, "test alias")).data).toMatchObject({ aliasName: "test", versionId: v1 });
    const destination = `acs:fc:cn-shanghai:${t.fc.credentials.accountId}:services/${serviceName}.test/functions/${functionName}_new`;
    const asyncConfig = {
      DestinationConfig: { OnSuccess: { Destination: destination }, OnFailure: { Destination: destination } },
      MaxAsyncEventAgeInSeconds: 100,
      MaxAsyncRetryAttempts: 1,
    };
    for (const config of [(await py.putAsyncConfig(serviceName, "test", functionName, asyncConfig)).data, (await py.getAsyncConfig(serviceName, "test", functionName)).data]) {
      expect(config).toMatchObject({ service: serviceName, qualifier: "test", function: functionName, maxAsyncEventAgeInSeconds: 100, maxAsyncRetryAttempts: 1 });
      expect(config["destinationConfig"]["onSuccess"]["destination"]).toBe(destination);
      expect(config).toHaveProperty("createdTime");
      expect(config).toHaveProperty("lastModifiedTime");
    }
    const listed = (await py.listAsyncConfigs(serviceName, functionName)).data;
    expect(listed["configs"]).toHaveLength(1);
    expect(listed["nextToken"]).toBe("");
    expect((await py.deleteAsyncConfig(serviceName, "test", functionName)).status).toBe(204);
    // tearDown, in the suite's order: the function, every version (alias "test" still points to v1), every alias, the service.
    expect((await client.request("DELETE", `${V}/services/${serviceName}/functions/${functionName}`)).status).toBe(204);
    for (const v of (await py.listVersions(serviceName)).data["versions"]) expect((await py.deleteVersion(serviceName, v.versionId)).status).toBe(204);
    for (const a of (await py.listAliases(serviceName)).data["aliases"]) expect((await py.deleteAlias(serviceName, a.aliasName)).status).toBe(204);
    expect((await py.deleteService(serviceName)).status).toBe(204);
  });
});

describe("not supported by the emulator", () => {
  test.each([
    ["tag_test test_tag", "POST", `${V}/tag`],
    ["custom_domain_test", "POST", `${V}/custom-domains`],
    ["trigger_test", "POST", `${V}/services/s/functions/f/triggers`],
    ["provision_test", "PUT", `${V}/services/s.a/functions/f/provision-config`],
    ["on_demand_config_test", "PUT", `${V}/services/s.a/functions/f/on-demand-config`],
    ["reserved_capacity_test", "GET", `${V}/reservedCapacities`],
    ["get_account_test", "GET", `${V}/account-settings`],
  ])("%s", async (_name, method, path) => {
    expect(await sdkFailure(client.request(method, path, method === "GET" ? {} : { payload: {} }))).toEqual(notSupported(method, path));
  });
});
