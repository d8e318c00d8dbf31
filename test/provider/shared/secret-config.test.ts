import { describe, expect, test } from "vitest";
import { PlaintextCredentialError, assertCredentialsSecret } from "../../../provider/shared/secret-config";

const KEYS = ["alicloud:accessKey", "alicloud:secretKey", "alicloud:securityToken"];
const config = (values: Record<string, string>) => (key: string) => values[key];

describe("assertCredentialsSecret", () => {
  test("every credential set as a secret: nothing to say", () => {
    const values = { "alicloud:accessKey": "LTAIxxxxxxxx", "alicloud:secretKey": "s3cr3t-value" };
    expect(() => assertCredentialsSecret(KEYS, { get: config(values), isSecret: (k) => k in values })).not.toThrow();
  });

  test("credentials absent from the stack (environment, default chain): nothing to say", () => {
    expect(() => assertCredentialsSecret(KEYS, { get: config({ "alicloud:region": "cn-hangzhou" }), isSecret: () => false })).not.toThrow();
  });

  test("a plain-text secret key fails with the command that fixes it", () => {
    const get = config({ "alicloud:accessKey": "LTAIxxxxxxxx", "alicloud:secretKey": "s3cr3t-value" });
    const error = (() => {
      try {
        assertCredentialsSecret(KEYS, { get, isSecret: (k) => k === "alicloud:accessKey" });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(PlaintextCredentialError);
    expect((error as PlaintextCredentialError).keys).toEqual(["alicloud:secretKey"]);
    expect((error as Error).message).toBe(
      "alicloud:secretKey is set in the stack config as plain text, so the Pulumi engine would store it unencrypted in the stack's state " +
        "(it records the whole stack config as the provider's inputs). Set it again as a secret and run the command again:\n" +
        "  pulumi config set --secret alicloud:secretKey <value>\n" +
        "(or remove it with `pulumi config rm` and use environment variables instead).",
    );
    // The value itself is never quoted.
    expect((error as Error).message).not.toContain("s3cr3t-value");
  });

  test("every plain-text credential is named, each with its command", () => {
    const get = config({ "alicloud:accessKey": "LTAIxxxxxxxx", "alicloud:secretKey": "s3cr3t-value", "alicloud:securityToken": "token-token" });
    expect(() => assertCredentialsSecret(KEYS, { get, isSecret: () => false })).toThrow(
      "pulumi config set --secret alicloud:accessKey <value>\n  pulumi config set --secret alicloud:secretKey <value>\n  pulumi config set --secret alicloud:securityToken <value>\n",
    );
  });
});
