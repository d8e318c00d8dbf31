import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatUrn, parseUrn, parseWireDestination, type Qualifier } from "../../../contracts/functiongraph";

const P = "0123456789abcdef0123456789abcdef";

describe("function URNs", () => {
  it.each([
    ["fn", { package: "default", name: "fn", qualifier: { kind: "latest" } }],
    ["pkg:fn", { package: "pkg", name: "fn", qualifier: { kind: "latest" } }],
    [`${P}:pkg:fn`, { projectId: P, package: "pkg", name: "fn", qualifier: { kind: "latest" } }],
    [`${P}:pkg:fn:!prod`, { projectId: P, package: "pkg", name: "fn", qualifier: { kind: "alias", name: "prod" } }],
    [`urn:fss:cn-north-4:${P}:function:default:fn`, { region: "cn-north-4", projectId: P, package: "default", name: "fn", qualifier: { kind: "latest" } }],
    [`urn:fss:cn-north-4:${P}:function:default:fn:latest`, { region: "cn-north-4", projectId: P, package: "default", name: "fn", qualifier: { kind: "latest" } }],
    [`urn:fss:cn-north-4:${P}:function:default:fn:v1.2`, { region: "cn-north-4", projectId: P, package: "default", name: "fn", qualifier: { kind: "version", name: "v1.2" } }],
    [`urn:fss:cn-north-4:${P}:function:default:fn:!prod`, { region: "cn-north-4", projectId: P, package: "default", name: "fn", qualifier: { kind: "alias", name: "prod" } }],
  ])("parses %s", (urn, ref) => {
    const parsed = parseUrn(urn);
    expect(parsed.ok && { ...parsed.ref, ...(parsed.ref.region === undefined && { region: undefined }) }).toEqual({ region: undefined, projectId: undefined, ...ref });
  });

  it.each([
    ["", "is empty; expected urn:fss:{region}:{projectId}:function:{package}:{name}[:{version}|:!{alias}]"],
    ["a:b:c:d:e", '"a:b:c:d:e" has 5 \':\'-separated fields; expected urn:fss:{region}:{projectId}:function:{package}:{name}[:{version}|:!{alias}] (or a short form of 1-4 fields)'],
    [`urn:fss:cn-north-4:${P}:func:default:fn`, `"urn:fss:cn-north-4:${P}:func:default:fn" is not a function URN; expected urn:fss:{region}:{projectId}:function:{package}:{name}[:{version}|:!{alias}]`],
    [`urn:fss:cn-north-4:${P}:function:default:9fn`, `function name "9fn" must start with a letter, contain only letters, digits, '_' and '-', end with a letter or digit, and be at most 60 characters`],
    [`urn:fss:cn-north-4:${P}:function:default:fn:!9x`, `alias "9x" must start with a letter, contain only letters, digits, '_' and '-', end with a letter or digit, and be at most 63 characters`],
    [`urn:fss:CN:${P}:function:default:fn`, `region "CN" is not a region id such as cn-north-4`],
  ])("refuses %j", (urn, reason) => {
    expect(parseUrn(urn)).toEqual({ ok: false, reason });
  });

  it("format ∘ parse is the identity on full URNs", () => {
    const name = fc.stringMatching(/^[A-Za-z](?:[A-Za-z0-9_-]{0,20}[A-Za-z0-9])?$/);
    const qualifier: fc.Arbitrary<Qualifier> = fc.oneof(
      fc.constant({ kind: "latest" } as const),
      fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,10}$/).filter((v) => v !== "latest").map((n) => ({ kind: "version", name: n }) as const),
      name.map((n) => ({ kind: "alias", name: n }) as const),
    );
    fc.assert(
      fc.property(name, fc.stringMatching(/^[A-Za-z0-9_-]{1,10}$/), qualifier, (fn, pkg, q) => {
        const urn = formatUrn({ region: "ap-southeast-1", projectId: P, package: pkg, name: fn, qualifier: q });
        const parsed = parseUrn(urn);
        expect(parsed.ok && formatUrn({ ...parsed.ref, region: "ap-southeast-1", projectId: P })).toBe(urn);
      }),
    );
  });
});

describe("destination param JSON", () => {
  it("accepts each type and fills OBS defaults", () => {
    expect(parseWireDestination({ destination: "OBS", param: '{"bucket":"my-bucket"}' })).toEqual({ ok: true, type: "OBS", param: { bucket: "my-bucket", prefix: "", expires: 0 } });
    expect(parseWireDestination({ destination: "SMN", param: `{"topic_urn":"urn:smn:cn-north-4:${P}:topic"}` }).ok).toBe(true);
    expect(parseWireDestination({ destination: "DIS", param: '{"stream_name":"s1"}' }).ok).toBe(true);
    expect(parseWireDestination({ destination: "FunctionGraph", param: `{"func_urn":"urn:fss:cn-north-4:${P}:function:default:fn:latest"}` }).ok).toBe(true);
  });
  it("names the field and the allowed values", () => {
    expect(parseWireDestination({ destination: "Kafka", param: "{}" })).toEqual({ ok: false, field: "destination", reason: '"Kafka" is not a destination type; allowed: OBS, SMN, DIS, FunctionGraph' });
    expect(parseWireDestination({ destination: "OBS", param: "{" })).toEqual({ ok: false, field: "param", reason: 'is not JSON; a OBS destination takes {"bucket","prefix","expires"}' });
    expect(parseWireDestination({ destination: "OBS", param: '{"bucket":"b1x","expires":400}' })).toEqual({
      ok: false,
      field: "param",
      reason: 'expires must be a whole number of days from 0 to 365 (0 = never); a OBS destination takes {"bucket","prefix","expires"}',
    });
    expect(parseWireDestination({ destination: "FunctionGraph", param: '{"func_urn":"fn"}' })).toEqual({
      ok: false,
      field: "param",
      reason: 'func_urn must be a full function URN: urn:fss:{region}:{projectId}:function:{package}:{name}[:{version}|:!{alias}]; a FunctionGraph destination takes {"func_urn"}',
    });
  });
});
