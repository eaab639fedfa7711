using Concord.Platform.Outbound;

namespace Concord.Platform.Tests.Outbound;

public class PublicContractTests
{
    /// <summary>
    /// What modules see of outbound HTTP: the registration, the purposes, the settings and the refusal. The guard, the
    /// resolver and the handlers stay internal; widening this list is a design decision, not an accident.
    /// </summary>
    [Fact]
    public void Outbound_ExposesOnlyItsContract()
    {
        string[] expected = ["OutboundClientOptions", "OutboundHttp", "OutboundOptions", "OutboundPurpose", "OutboundRefusal", "OutboundRefusedException"];

        var exported = typeof(OutboundHttp).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == typeof(OutboundHttp).Namespace)
            .Select(t => t.Name).Order(StringComparer.Ordinal);

        Assert.Equal(expected, exported);
    }
}
