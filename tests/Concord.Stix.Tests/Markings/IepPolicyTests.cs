using System.Text.Json;
using System.Text.Json.Nodes;
using Concord.Stix.Markings;
using Concord.Stix.Validation;

namespace Concord.Stix.Tests.Markings;

public class IepPolicyTests
{
    private static readonly IepPolicy Policy = new()
    {
        Id = Guid.Parse("01bc4353-4829-4d55-8d52-0ab7e0790df9"),
        Name = "Alliance AMBER, no attribution",
        Description = "For the alliance's incident handlers.",
        StartDate = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        EndDate = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero),
        EncryptInTransit = IepHandling.Must,
        EncryptAtRest = IepHandling.May,
        PermittedActions = IepPermittedActions.ExternallyVisibleIndirectActions,
        AffectedPartyNotifications = IepPermission.May,
        Attribution = IepRequirement.MustNot,
        ObfuscateAffectedParties = IepRequirement.Must,
        UnmodifiedResale = IepPermission.MustNot,
        ExternalReferences = ["https://www.first.org/iep"],
        ExcludedJurisdictions = ["XA", "XB"],
    };

    [Fact]
    public void APolicy_IsAValidStixMarkingDefinition_ThatReadsBackWhole()
    {
        var json = Write(Policy);
        using var document = JsonDocument.Parse(json);
        var validation = StixValidator.Validate(document.RootElement);
        Assert.True(validation.IsValid, string.Join("; ", validation.Issues));
        Assert.Equal("marking-definition--01bc4353-4829-4d55-8d52-0ab7e0790df9", document.RootElement.GetProperty("id").GetString());
        Assert.True(IepPolicies.IsPolicy(document.RootElement));

        var (read, issues) = IepPolicies.Read(document.RootElement);
        Assert.Empty(issues);
        Assert.Equal(Policy with { ExternalReferences = read!.ExternalReferences, ExcludedJurisdictions = read.ExcludedJurisdictions }, read);
        Assert.Equal(Policy.ExternalReferences, read.ExternalReferences);
        Assert.Equal(Policy.ExcludedJurisdictions, read.ExcludedJurisdictions);

        // The policy inside is the IEP 2.0 JSON specification's policy object, in its own spelling.
        var iep = JsonNode.Parse(json)!["extensions"]![IepPolicies.ExtensionId]!["iep"]!;
        Assert.Equal("must-not", (string?)iep["attribution"]);
        Assert.Equal("externally-visible-indirect-actions", (string?)iep["permitted_actions"]);
        Assert.Equal(2.0, (double)iep["iep_version"]!);
    }

    [Fact]
    public void ExpiresAtItsEndDate_AndNeverWithoutOne()
    {
        Assert.False(Policy.IsExpired(Policy.EndDate!.Value.AddTicks(-1)));
        Assert.True(Policy.IsExpired(Policy.EndDate.Value));
        Assert.False((Policy with { EndDate = null }).IsExpired(DateTimeOffset.MaxValue));
    }

    [Theory]
    [InlineData("attribution", "sometimes", "$.extensions['extension-definition--3b7f4c2e-9a1d-4e6b-8f5c-2d0a7e91c4b6'].iep.attribution", "iep-value")]
    [InlineData("permitted_actions", "anything", "$.extensions['extension-definition--3b7f4c2e-9a1d-4e6b-8f5c-2d0a7e91c4b6'].iep.permitted_actions", "iep-value")]
    [InlineData("end_date", "2025-01-01T00:00:00Z", "$.extensions['extension-definition--3b7f4c2e-9a1d-4e6b-8f5c-2d0a7e91c4b6'].iep.end_date", "iep-dates")]
    [InlineData("start_date", "yesterday", "$.extensions['extension-definition--3b7f4c2e-9a1d-4e6b-8f5c-2d0a7e91c4b6'].iep.start_date", "timestamp-format")]
    [InlineData("name", null, "$.extensions['extension-definition--3b7f4c2e-9a1d-4e6b-8f5c-2d0a7e91c4b6'].iep.name", "required")]
    public void ABadStatement_IsNamedByItsPath_AndNoPolicyIsRead(string statement, string? value, string path, string rule)
    {
        var json = JsonNode.Parse(Write(Policy))!;
        var iep = json["extensions"]![IepPolicies.ExtensionId]!["iep"]!.AsObject();
        if (value is null)
        {
            iep.Remove(statement);
        }
        else
        {
            iep[statement] = value;
        }

        using var document = JsonDocument.Parse(json.ToJsonString());
        var (policy, issues) = IepPolicies.Read(document.RootElement);
        Assert.Null(policy);
        var issue = Assert.Single(issues);
        Assert.Equal((path, rule), (issue.Path, issue.Rule));
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("FRA")]
    [InlineData("")]
    public void AJurisdictionThatIsNotAnIsoCode_IsRefused(string country)
    {
        var json = JsonNode.Parse(Write(Policy))!;
        json["extensions"]![IepPolicies.ExtensionId]!["excluded_jurisdictions"] = new JsonArray("XA", country);
        using var document = JsonDocument.Parse(json.ToJsonString());
        var (policy, issues) = IepPolicies.Read(document.RootElement);
        Assert.Null(policy);
        Assert.Equal($"$.extensions['{IepPolicies.ExtensionId}'].excluded_jurisdictions[1]", Assert.Single(issues).Path);
    }

    [Fact]
    public void AMarkingDefinitionWithoutTheExtension_IsNotAPolicy()
    {
        using var tlp = JsonDocument.Parse(TlpMarkings.JsonOf(Tlp.Green));
        Assert.False(IepPolicies.IsPolicy(tlp.RootElement));
        Assert.Null(IepPolicies.Read(tlp.RootElement).Policy);
    }

    private static string Write(IepPolicy policy)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            IepPolicies.Write(writer, policy, "identity--7f1b3c2d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
