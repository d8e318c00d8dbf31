// Deploys the example's FC 3.0 functions (process-order with a version and a `prod` alias, audit, send-email)
// with Alibaba's own SDK, @alicloud/fc20230330 — what @pulumi/alicloud would do in the cloud, done here so the
// example also runs against the local emulator. Connection from the environment: FC_ENDPOINT (unset: the cloud),
// ALICLOUD_ACCOUNT_ID, ALICLOUD_ACCESS_KEY, ALICLOUD_SECRET_KEY, ALICLOUD_REGION.
import Fc3, * as $Fc3 from "@alicloud/fc20230330";
import { $OpenApiUtil } from "@alicloud/openapi-core";
import { strToU8, zipSync } from "fflate";

const HANDLER = `exports.handler = (event, context, callback) => {
  const input = JSON.parse(event.toString() || "{}");
  if (input.fail) return callback(new Error("cannot process " + input.orderId));
  callback(null, JSON.stringify({ orderId: input.orderId, status: "processed" }));
};
`;

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === "") throw new Error(`set ${name} (see README.md)`);
  return value;
}

async function main(): Promise<void> {
  const accountId = required("ALICLOUD_ACCOUNT_ID");
  const region = process.env["ALICLOUD_REGION"] ?? "cn-hangzhou";
  const endpoint = new URL(process.env["FC_ENDPOINT"] ?? `https://${accountId}.${region}.fc.aliyuncs.com`);
  const client = new Fc3(
    new $OpenApiUtil.Config({
      accessKeyId: required("ALICLOUD_ACCESS_KEY"),
      accessKeySecret: required("ALICLOUD_SECRET_KEY"),
      endpoint: endpoint.host,
      protocol: endpoint.protocol.replace(":", ""),
      regionId: region,
    }),
  );
  const zipFile = Buffer.from(zipSync({ "index.js": strToU8(HANDLER) })).toString("base64");
  for (const functionName of ["process-order", "audit", "send-email"]) {
    try {
      await client.createFunction(
        new $Fc3.CreateFunctionRequest({
          body: new $Fc3.CreateFunctionInput({ functionName, runtime: "nodejs18", handler: "index.handler", code: new $Fc3.InputCodeLocation({ zipFile }) }),
        }),
      );
      console.log(`created function ${functionName}`);
    } catch (error) {
      if ((error as { code?: string }).code !== "FunctionAlreadyExists") throw error;
    }
  }
  try {
    await client.getAlias("process-order", "prod");
  } catch {
    const version = await client.publishFunctionVersion("process-order", new $Fc3.PublishFunctionVersionRequest({ body: new $Fc3.PublishVersionInput({}) }));
    await client.createAlias("process-order", new $Fc3.CreateAliasRequest({ body: new $Fc3.CreateAliasInput({ aliasName: "prod", versionId: version.body?.versionId }) }));
    console.log(`published version ${version.body?.versionId} as alias prod`);
  }
}

main().catch((error: unknown) => {
  console.error(`deploy-functions: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
