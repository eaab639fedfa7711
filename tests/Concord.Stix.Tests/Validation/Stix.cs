using System.Text.Json;
using System.Text.Json.Nodes;
using Concord.Stix.Validation;

namespace Concord.Stix.Tests.Validation;

/// <summary>Valid sample objects to mutate, and assertions over validation results.</summary>
internal static class Stix
{
    public const string IdentityId = "identity--f431f809-377b-45e0-aa1c-6a4751cae5ff";
    public const string MalwareId = "malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b";
    public const string IndicatorId = "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f";
    public const string TlpGreen = "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da";

    private static readonly Dictionary<string, string> Samples = new(StringComparer.Ordinal)
    {
        ["indicator"] = $$"""{"type":"indicator","spec_version":"2.1","id":"{{IndicatorId}}","created":"2016-04-06T20:03:48.000Z","modified":"2016-04-06T20:03:48.000Z","created_by_ref":"{{IdentityId}}","name":"Poison Ivy C2","indicator_types":["malicious-activity"],"pattern":"[ipv4-addr:value = '198.51.100.1']","pattern_type":"stix","valid_from":"2016-01-01T00:00:00Z","kill_chain_phases":[{"kill_chain_name":"mandiant-attack-lifecycle-model","phase_name":"establish-foothold"}],"external_references":[{"source_name":"capec","external_id":"CAPEC-163"}],"object_marking_refs":["{{TlpGreen}}"],"granular_markings":[{"selectors":["kill_chain_phases.[0].phase_name"],"marking_ref":"{{TlpGreen}}"}],"labels":["x"],"confidence":50,"lang":"en-US"}""",
        ["malware"] = $$"""{"type":"malware","spec_version":"2.1","id":"{{MalwareId}}","created":"2016-04-06T20:03:48.000Z","modified":"2016-04-06T20:03:48.000Z","name":"Poison Ivy","is_family":true,"malware_types":["remote-access-trojan"]}""",
        ["relationship"] = $$"""{"type":"relationship","spec_version":"2.1","id":"relationship--44298a74-ba52-4f0c-87a3-1824e67d7fad","created":"2016-04-06T20:06:37.000Z","modified":"2016-04-06T20:06:37.000Z","relationship_type":"indicates","source_ref":"{{IndicatorId}}","target_ref":"{{MalwareId}}"}""",
        ["sighting"] = $$"""{"type":"sighting","spec_version":"2.1","id":"sighting--ee20065d-2555-424f-ad9e-0f8428623c75","created":"2016-04-06T20:08:31.000Z","modified":"2016-04-06T20:08:31.000Z","first_seen":"2015-12-21T19:00:00Z","last_seen":"2015-12-21T19:00:00Z","count":50,"sighting_of_ref":"{{IndicatorId}}","observed_data_refs":["observed-data--b67d30ff-02ac-498a-92f9-32f845f448cf"],"where_sighted_refs":["{{IdentityId}}"]}""",
        ["observed-data"] = """{"type":"observed-data","spec_version":"2.1","id":"observed-data--b67d30ff-02ac-498a-92f9-32f845f448cf","created":"2016-04-06T19:58:16.000Z","modified":"2016-04-06T19:58:16.000Z","first_observed":"2015-12-21T19:00:00Z","last_observed":"2015-12-21T19:00:00Z","number_observed":50,"object_refs":["ipv4-addr--efcd5e80-570d-4131-b213-62cb18eaa6a8"]}""",
        ["file"] = """{"type":"file","spec_version":"2.1","id":"file--e277603e-1060-5ad4-9937-c26c97f1ca68","name":"foo.dll","hashes":{"SHA-256":"a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90"},"extensions":{"windows-pebinary-ext":{"pe_type":"dll"}}}""",
        ["marking-definition"] = """{"type":"marking-definition","spec_version":"2.1","id":"marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da","created":"2017-01-20T00:00:00.000Z","definition_type":"tlp","name":"TLP:GREEN","definition":{"tlp":"green"}}""",
        ["artifact"] = """{"type":"artifact","spec_version":"2.1","id":"artifact--6f437177-6e48-5cf8-9d9e-872a2bddd641","mime_type":"image/jpeg","payload_bin":"aGVsbG8="}""",
        ["location"] = """{"type":"location","spec_version":"2.1","id":"location--a6e9345f-5a15-4c29-8bb3-7dcc5d168d64","created":"2016-04-06T20:03:00.000Z","modified":"2016-04-06T20:03:00.000Z","latitude":48.8566,"longitude":2.3522,"precision":1000}""",
    };

    public static JsonObject Sample(string type) => JsonNode.Parse(Samples[type])!.AsObject();

    /// <summary>
    /// The samples' SCO ids are hand-made version-5 UUIDs, not the computed ones; the deterministic-id rule has its own
    /// tests (PluggedRuleTests), so it is left out of the table's tests.
    /// </summary>
    public static StixValidationOptions TableOptions { get; } = StixValidationOptions.Default with
    {
        Rules = [.. StixValidationOptions.Default.Rules.Where(r => r is not Concord.Stix.Validation.Rules.DeterministicScoIdRule)],
    };

    public static StixValidationResult Validate(JsonNode node, StixValidationOptions? options = null)
    {
        using var document = JsonDocument.Parse(node.ToJsonString());
        return StixValidator.Validate(document.RootElement, options ?? TableOptions);
    }

    public static StixValidationResult Validate(string json)
    {
        using var document = JsonDocument.Parse(json);
        return StixValidator.Validate(document.RootElement, TableOptions);
    }

    public static StixValidationResult Mutate(string type, Action<JsonObject> change)
    {
        var sample = Sample(type);
        change(sample);
        return Validate(sample);
    }

    public static void HasError(StixValidationResult result, string rule, string path) =>
        Assert.True(result.Issues.Any(i => i.Severity == StixSeverity.Error && i.Rule == rule && i.Path == path),
            $"Expected error {rule} at {path}; got: {Describe(result)}");

    public static void HasWarning(StixValidationResult result, string rule, string path) =>
        Assert.True(result.Issues.Any(i => i.Severity == StixSeverity.Warning && i.Rule == rule && i.Path == path),
            $"Expected warning {rule} at {path}; got: {Describe(result)}");

    public static void Clean(StixValidationResult result) => Assert.True(result.Issues.Count == 0, $"Expected no issues; got: {Describe(result)}");

    private static string Describe(StixValidationResult result) => result.Issues.Count == 0 ? "(none)" : string.Join("; ", result.Issues);
}
