using System.Text.Json;
using Concord.Stix.Patterning;

namespace Concord.Stix.Validation.Rules;

/// <summary>
/// An indicator whose <c>pattern_type</c> is <c>stix</c> must carry a pattern that parses (STIX 2.1 section 9);
/// other pattern languages (sigma, snort, yara, ...) are carried without parsing.
/// </summary>
internal sealed class PatternSyntaxRule : IStixValidationRule
{
    public void Check(JsonElement stixObject, string type, StixIssueSink sink)
    {
        if (type != "indicator"
            || !stixObject.TryGetProperty("pattern_type", out var patternType) || patternType.ValueKind != JsonValueKind.String
            || !StixPattern.IsStixPatternType(patternType.GetString())
            || !stixObject.TryGetProperty("pattern", out var pattern) || pattern.ValueKind != JsonValueKind.String)
        {
            // Missing or mistyped properties are the type table's findings, not this rule's.
            return;
        }

        foreach (var issue in StixPattern.Check(pattern.GetString(), "$.pattern"))
        {
            if (issue.Severity == StixSeverity.Error)
            {
                sink.Error(issue.Path, issue.Rule, issue.Message);
            }
            else
            {
                sink.Warning(issue.Path, issue.Rule, issue.Message);
            }
        }
    }
}
