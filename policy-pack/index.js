// The estate rules as a Pulumi policy pack: `pulumi preview --policy-pack <this folder>`. The rules and their
// thresholds are written once in pulumi-async-invoke (`provider/estate/rules.ts`); discover --check applies the same
// code to a live account. Thresholds and levels per rule: `--policy-pack-config <file>` with, for example,
// {"event-age-at-most": {"enforcementLevel": "mandatory", "maxSeconds": 3600}}.
const { PolicyPack } = require("@pulumi/policy");
const { estatePolicies } = require("pulumi-async-invoke/estate-policies");

new PolicyPack("async-invoke-estate", { policies: estatePolicies() });
