// FC's qualifiers are case-sensitive: `LATEST`, never `latest`. Through both official FC 2.0 SDKs (both path
// prefixes), LATEST in another case is refused by name, not looked up as an alias (which could never exist: no
// alias may be named LATEST in any case). The provider refuses the same at preview; FC 3.0: ../fc3/qualifier-case.test.ts.
import { beforeEach, describe, expect, test } from "vitest";
import { $FcOpen, failure, nodeFunction, useEmulator } from "../../kit/emulator";
import { changeAndPublish } from "../../kit/publish";

describe("FC 2.0", () => {
  const t = useEmulator();
  beforeEach(async () => {
    await t.fc2.createService("svc");
    await t.fc2.createFunction("svc", nodeFunction("fn"));
  });

  test.each(["latest", "Latest"])("qualifier %s is InvalidArgument under /2016-08-15 and /2021-04-06", async (qualifier) => {
    const old = await failure(t.fc2.putFunctionAsyncConfig("svc", "fn", qualifier, { maxAsyncRetryAttempts: 1 }));
    expect(old).toEqual({ code: "InvalidArgument", status: 400, message: `qualifier must be LATEST, a published version number or an alias name, got "${qualifier}"` });
    const open = await failure(t.open.putFunctionAsyncInvokeConfig("svc", "fn", new $FcOpen.PutFunctionAsyncInvokeConfigRequest({ qualifier, maxAsyncRetryAttempts: 1 })));
    expect(open).toMatchObject({ code: "InvalidArgument", status: 400 });
    expect(open.message).toContain(`qualifier must be LATEST, a published version number or an alias name, got "${qualifier}"`);
  });

  test("no alias may be named LATEST in any case", async () => {
    await changeAndPublish(t.fc2, "svc");
    expect(await failure(t.fc2.createAlias("svc", "latest", "1"))).toEqual({
      code: "InvalidArgument", status: 400, message: "aliasName 'latest' is reserved: LATEST, in any case, names the unpublished code",
    });
    expect((await t.fc2.createAlias("svc", "latest-v2", "1")).data["aliasName"]).toBe("latest-v2");
  });
});
