using System.Globalization;
using Concord.Access;
using Concord.Intel;

namespace Concord.Web.Intel;

/// <summary>The object page's sighting form as posted: text as typed, read into a <see cref="SightingReport"/>.</summary>
public sealed class SightingFields
{
    /// <summary><c>sighting</c> or <c>false-positive</c>.</summary>
    public string Kind { get; set; } = "sighting";

    public string? Count { get; set; } = "1";

    public string Tlp { get; set; } = "green";

    /// <summary>Empty: the default for the TLP.</summary>
    public string? Scope { get; set; }

    public bool Anonymous { get; set; }

    /// <summary>
    /// The form's first values for an indicator: its own TLP, and its scope unless that names an audience; for an
    /// indicator of an organisation hosted on another node (<paramref name="ownerElsewhere"/>), TLP:AMBER back to that
    /// owner alone, which its node reads.
    /// </summary>
    public static SightingFields For(StoredStixObject indicator, bool ownerElsewhere = false)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        return ownerElsewhere
            ? new SightingFields { Tlp = "amber", Scope = OwnerOnly }
            : new SightingFields
            {
                Tlp = Distribution.Label(indicator.Tlp).ToLowerInvariant(),
                Scope = indicator.Scope >= Access.Scope.Alliance ? Distribution.Name(indicator.Scope) : null,
            };
    }

    /// <summary>The scope choice that shares the report with the indicator's owner alone (its recipients: that organisation).</summary>
    public const string OwnerOnly = "owner-of-indicator";

    /// <summary>The report to record, or the message that says what to correct.</summary>
    public (SightingReport? Report, string? Problem) ToReport(string indicatorId, Guid indicatorOwner)
    {
        if (!long.TryParse(Count, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1)
        {
            return (null, "How many times: a whole number, 1 or more.");
        }

        if (!Distribution.TryParseTlp(Tlp, out var tlp))
        {
            return (null, "Choose a TLP label.");
        }

        Scope? scope = null;
        IReadOnlyCollection<Guid> recipients = [];
        if (Scope == OwnerOnly)
        {
            recipients = [indicatorOwner];
        }
        else if (!string.IsNullOrWhiteSpace(Scope))
        {
            if (!Distribution.TryParseScope(Scope, out var parsed))
            {
                return (null, "Choose who the sighting is shared with.");
            }

            scope = parsed;
        }

        return (new SightingReport
        {
            SightingOf = indicatorId,
            Kind = Kind == "false-positive" ? SightingKind.FalsePositive : SightingKind.Sighting,
            Count = count,
            Tlp = tlp,
            Scope = scope,
            Recipients = recipients,
            Anonymous = Anonymous,
        }, null);
    }
}
