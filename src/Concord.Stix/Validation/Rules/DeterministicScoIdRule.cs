using System.Text.Json;
using Concord.Stix.Identifiers;

namespace Concord.Stix.Validation.Rules;

/// <summary>
/// STIX 2.1 section 2.9: an SCO's id SHOULD be the UUIDv5 of its id-contributing properties. Random (UUIDv4) ids
/// are common in real feeds and allowed, so they pass silently; a UUIDv5 that is not the one the properties give
/// claims to be deterministic and is not — a producer bug — so it is a warning naming the expected id.
/// </summary>
internal sealed class DeterministicScoIdRule : IStixValidationRule
{
    public const string RuleId = "sco-id-deterministic";

    public void Check(JsonElement stixObject, string type, StixIssueSink sink)
    {
        if (!StixTypes.CyberObservables.Contains(type))
        {
            return;
        }

        if (ScoIds.Verify(stixObject, out var expected) == ScoIdStatus.Mismatch)
        {
            sink.Warning("$.id", RuleId, $"The id is a UUIDv5 but not the one computed from the id-contributing properties; expected {expected}.");
        }
    }
}
