using System.Globalization;
using Concord.Access;
using Concord.Platform;
using Concord.Stix;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.Intel.Endpoints;

/// <summary>Parsing of query parameters into the module's contracts, each failure naming its field and rule.</summary>
internal static class Requests
{
    public static ValueTask<Principal> PrincipalAsync(HttpContext context) =>
        context.RequestServices.GetRequiredService<IPrincipalResolver>().ResolveAsync(context.User, context.RequestAborted);

    public static Result<Tlp?> Tlp(string? text, string field = "tlp") =>
        text is null ? (Tlp?)null
        : Distribution.TryParseTlp(text, out var tlp) ? tlp
        : Error.Validation(field, "tlp-unknown", $"'{text}' is not a TLP label (clear, green, amber, amber+strict, red).");

    public static Result<Scope?> Scope(string? text) =>
        text is null ? (Scope?)null
        : Distribution.TryParseScope(text, out var scope) ? scope
        : Error.Validation("scope", "scope-unknown", $"'{text}' is not a scope (owner, recipients, sharing-group, alliance, connected-nodes, public).");

    public static Result<DateTimeOffset?> Time(string? text, string field) =>
        text is null ? (DateTimeOffset?)null
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time) ? time
        : Error.Validation(field, "timestamp-format", $"'{field}' must be an RFC 3339 timestamp.");

    public static Result<Guid?> Id(string? text, string field) =>
        text is null ? (Guid?)null
        : Guid.TryParse(text, out var id) ? id
        : Error.Validation(field, "uuid-format", $"'{field}' must be a UUID.");

    public static Result<ImportPolicy> Policy(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "all-or-nothing" => ImportPolicy.AllOrNothing,
        "best-effort" => ImportPolicy.BestEffort,
        _ => Error.Validation("policy", "policy-unknown", "'policy' must be 'all-or-nothing' or 'best-effort'."),
    };

    public static Result<IReadOnlyCollection<Guid>> Recipients(string[]? values)
    {
        var ids = new List<Guid>();
        foreach (var part in (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (!Guid.TryParse(part, out var id))
            {
                return Error.Validation("recipients", "uuid-format", $"'{part}' is not an organisation id (a UUID).");
            }

            ids.Add(id);
        }

        return ids.Distinct().ToList();
    }
}
