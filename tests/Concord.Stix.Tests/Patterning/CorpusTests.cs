using Concord.Stix.Patterning;
using Concord.Stix.Tests.Corpus;
using Concord.Testing;

namespace Concord.Stix.Tests.Patterning;

/// <summary>Every indicator pattern in the shared public corpus (ATT&amp;CK and the OASIS examples) must parse.</summary>
public class CorpusTests
{
    [Theory]
    [InlineData("attack")]
    [InlineData("stix2.1")]
    public void TryParse_EveryStixIndicatorPatternInCorpus_Parses(string folder)
    {
        var root = SharedData.Path(folder);
        var failures = new List<string>();
        var parsed = 0;
        foreach (var file in IndicatorCorpus.BundleFiles(root))
        {
            foreach (var indicator in IndicatorCorpus.Read(file))
            {
                // STIX 2.0 indicators carry no pattern_type; their patterns are STIX patterns too.
                if (indicator.PatternType is not null && !StixPattern.IsStixPatternType(indicator.PatternType))
                {
                    continue;
                }

                if (StixPattern.TryParse(indicator.Pattern, out _, out var error))
                {
                    parsed++;
                }
                else
                {
                    failures.Add($"{indicator.File} {indicator.Id}: {error} in {indicator.Pattern}");
                }
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{parsed} indicator patterns parsed under {folder}");
        Assert.Empty(failures);
    }

    [Fact]
    public void TryParse_OasisExampleBundles_ContainIndicatorsThatParse()
    {
        var indicators = IndicatorCorpus.BundleFiles(SharedData.Path("stix2.1"))
            .Where(file => Path.GetFileName(Path.GetDirectoryName(file)!) is not ("schemas" or "common" or "sdos" or "sros" or "observables"))
            .SelectMany(IndicatorCorpus.Read)
            .ToList();

        Assert.NotEmpty(indicators);
        Assert.All(indicators, indicator => Assert.True(StixPattern.TryParse(indicator.Pattern, out _, out _), indicator.Pattern));
    }

    [Fact]
    public void Check_OasisExampleIndicators_HaveNoErrors()
    {
        var errors = IndicatorCorpus.BundleFiles(SharedData.Path("stix2.1"))
            .SelectMany(IndicatorCorpus.Read)
            .Where(indicator => indicator.Id != CorpusTypos.PoisonIvyDomainWithSpace)
            .SelectMany(indicator => StixPattern.Check(indicator.Pattern).Select(issue => $"{indicator.Id}: {issue}"))
            .Where(issue => issue.Contains("error", StringComparison.Ordinal))
            .ToList();

        Assert.Empty(errors);
    }
}
