using Concord.Stix.Patterning;
using Concord.Stix.Tests.Corpus;
using Concord.Testing;

namespace Concord.Stix.Tests.Patterning;

/// <summary>
/// The value checks refuse what no object can hold, never what real producers write: every STIX indicator pattern in
/// the shared corpus (ATT&amp;CK, the OASIS examples, medallion's data, and MISP's own STIX 2.1 export of real events)
/// passes them without an error — but one upstream typo (<see cref="CorpusTypos.PoisonIvyDomainWithSpace"/>), which no
/// object can hold, so the indicator detects nothing: it is refused like any other impossible value.
/// </summary>
public class ValueCorpusTests
{
    private static readonly string[] KnownImpossible = [$"poisonivy.json {CorpusTypos.PoisonIvyDomainWithSpace}"];

    [Theory]
    [InlineData("attack")]
    [InlineData("stix2.1")]
    [InlineData("taxii2.1")]
    [InlineData("misp/misp-stix-reference")]
    public void Inspect_EveryIndicatorPatternInCorpus_HasNoValueError(string folder)
    {
        var errors = new List<string>();
        var (patterns, warnings) = (0, 0);
        foreach (var indicator in IndicatorCorpus.BundleFiles(SharedData.Path(folder)).SelectMany(IndicatorCorpus.Read))
        {
            if (indicator.PatternType is not null && !StixPattern.IsStixPatternType(indicator.PatternType))
            {
                continue;
            }

            patterns++;
            foreach (var issue in StixPattern.Inspect(indicator.Pattern).Where(i => i.Rule is PatternRules.Value or PatternRules.ValueType))
            {
                if (issue.Severity == StixSeverity.Error)
                {
                    errors.Add($"{indicator.File} {indicator.Id}");
                    TestContext.Current.TestOutputHelper?.WriteLine($"error {indicator.File} {indicator.Id}: {issue.Message}");
                }
                else
                {
                    warnings++;
                    TestContext.Current.TestOutputHelper?.WriteLine($"warning {indicator.File} {indicator.Id}: {issue.Message}");
                }
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{patterns} patterns under {folder}, {warnings} value warnings");
        Assert.Equal(KnownImpossible.Where(known => folder == "stix2.1"), errors);
    }
}
