// Deploys the example's function (./function) as service `orders`, function `process-order`, with
// Alibaba's own SDK — the step @pulumi/alicloud would take in the cloud, done here so the example also
// runs against the local emulator, where no other provider reaches. Run it again to update the code.
//
// Connection from the environment, as the Pulumi program reads it: FC_ENDPOINT (the emulator's URL;
// unset means the cloud), ALICLOUD_ACCOUNT_ID, ALICLOUD_ACCESS_KEY, ALICLOUD_SECRET_KEY, ALICLOUD_REGION.
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import FcOpen, * as $FcOpen from "@alicloud/fc-open20210406";
import * as $OpenApi from "@alicloud/openapi-client";
import { zipSync } from "fflate";

const SERVICE = process.env["SERVICE_NAME"] ?? "orders";
const FUNCTION = process.env["FUNCTION_NAME"] ?? "process-order";

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === "") throw new Error(`set ${name} (see README.md)`);
  return value;
}

/** The cloud's error code from either SDK error shape. */
function errorCode(error: unknown): string | undefined {
  const e = error as { data?: { ErrorCode?: string }; code?: string };
  return e.data?.ErrorCode ?? e.code;
}

async function main(): Promise<void> {
  const accountId = required("ALICLOUD_ACCOUNT_ID");
  const region = process.env["ALICLOUD_REGION"] ?? "cn-hangzhou";
  const endpoint = new URL(process.env["FC_ENDPOINT"] ?? `https://${accountId}.${region}.fc.aliyuncs.com`);
  const client = new FcOpen(
    new $OpenApi.Config({
      accessKeyId: required("ALICLOUD_ACCESS_KEY"),
      accessKeySecret: required("ALICLOUD_SECRET_KEY"),
      endpoint: endpoint.host,
      protocol: endpoint.protocol.replace(":", ""),
      regionId: region,
    }),
  );

  const dir = path.join(__dirname, "function");
  const files = Object.fromEntries(readdirSync(dir).map((name) => [name, new Uint8Array(readFileSync(path.join(dir, name)))]));
  const zipFile = Buffer.from(zipSync(files)).toString("base64");

  try {
    await client.createService(new $FcOpen.CreateServiceRequest({ serviceName: SERVICE, description: "pulumi-async-invoke example" }));
    console.log(`created service ${SERVICE}`);
  } catch (error) {
    if (errorCode(error) !== "ServiceAlreadyExists") throw error;
  }
  const code = new $FcOpen.Code({ zipFile });
  try {
    await client.createFunction(
      SERVICE,
      new $FcOpen.CreateFunctionRequest({ functionName: FUNCTION, runtime: "nodejs18", handler: "index.handler", memorySize: 128, timeout: 10, code }),
    );
    console.log(`created function ${SERVICE}/${FUNCTION}`);
  } catch (error) {
    if (errorCode(error) !== "FunctionAlreadyExists") throw error;
    await client.updateFunction(SERVICE, FUNCTION, new $FcOpen.UpdateFunctionRequest({ code }));
    console.log(`updated the code of ${SERVICE}/${FUNCTION}`);
  }
}

main().catch((error: unknown) => {
  console.error(`deploy-function: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
