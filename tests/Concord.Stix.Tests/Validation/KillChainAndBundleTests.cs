namespace Concord.Stix.Tests.Validation;

public class KillChainAndBundleTests
{
    [Fact]
    public void Validate_KillChainPhaseWithSpaces_ReportsWarning()
    {
        var result = Stix.Mutate("indicator", o => o["kill_chain_phases"]![0]!["phase_name"] = "Initial Access");
        Stix.HasWarning(result, "kill-chain-phase-format", "$.kill_chain_phases[0].phase_name");
        Assert.True(result.IsValid);
    }

    [Fact]
    public void Validate_KillChainPhaseWithoutPhaseName_ReportsRequired() =>
        Stix.HasError(Stix.Mutate("indicator", o => o["kill_chain_phases"]![0]!.AsObject().Remove("phase_name")), "required", "$.kill_chain_phases[0].phase_name");

    [Fact]
    public void Validate_Bundle_ChecksItsOwnShapeOnly()
    {
        Stix.Clean(Stix.Validate("""{"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","objects":[{"type":"anything"}]}"""));
        Stix.HasError(Stix.Validate("""{"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","objects":[]}"""), "empty-list", "$.objects");
    }
}
