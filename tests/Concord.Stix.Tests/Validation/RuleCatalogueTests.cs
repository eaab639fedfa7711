using System.Text.Json;
using Concord.Stix.Validation;

namespace Concord.Stix.Tests.Validation;

public class RuleCatalogueTests
{
    [Fact]
    public void All_ListsEveryPublicRuleConstant()
    {
        var constants = typeof(StixRules).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToHashSet();
        Assert.Equal(constants.Order(), StixRules.All.Order());
        Assert.Subset(constants, StixRules.SchemaLevel.ToHashSet());
    }

    [Fact]
    public void DefaultOptions_CarryThePluggedRules() => Assert.Same(StixValidationOptions.Default.Rules, new StixValidationOptions().Rules);
}
