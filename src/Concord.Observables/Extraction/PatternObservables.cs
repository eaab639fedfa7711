using System.Text;
using System.Text.Json;
using Concord.Stix.Patterning;

namespace Concord.Observables.Extraction;

/// <summary>
/// The observables an indicator's STIX pattern asserts: comparisons with <c>=</c> or <c>IN</c>, not negated, on
/// object paths that name an observable value. Other operators (<c>LIKE</c>, <c>MATCHES</c>, <c>!=</c>) describe
/// sets of values, not values, so they are not observables to correlate on.
/// </summary>
internal static class PatternObservables
{
    public static void Extract(JsonElement indicator, ObservableExtraction found)
    {
        if (!indicator.TryGetProperty("pattern", out var pattern) || pattern.ValueKind != JsonValueKind.String
            || !(indicator.TryGetProperty("pattern_type", out var type) && StixPattern.IsStixPatternType(type.GetString()))
            || !StixPattern.TryParse(pattern.GetString(), out var expression, out _))
        {
            return;
        }

        var comparisons = expression.Comparisons();
        for (var i = 0; i < comparisons.Count; i++)
        {
            var comparison = comparisons[i];
            if (comparison.Negated || comparison.Operator is not (ComparisonOperator.Equal or ComparisonOperator.In)
                || comparison.Value is not { } literal)
            {
                continue;
            }

            var source = $"$.pattern[{i}] {comparison.ObjectPath}";
            var path = PathKey(comparison);
            if (path is "network-traffic:src_ref.value" or "network-traffic:dst_ref.value" or "domain-name:resolves_to_refs.value")
            {
                found.AddAddressOrName(literal.Value, source);
            }
            else if (KindOf(comparison, path) is { } kind && literal.Kind is LiteralKind.String or LiteralKind.Integer)
            {
                found.Add(kind, literal.Value, source);
            }
        }
    }

    private static ObservableKind? KindOf(PatternComparison comparison, string path)
    {
        var steps = comparison.Components;
        if (comparison.ObjectType is "file" or "artifact" or "x509-certificate" && steps.Length == 2
            && steps[0] is PropertyStep { Name: "hashes" } && steps[1] is PropertyStep algorithm)
        {
            return ObservableExtraction.HashKind(algorithm.Name);
        }

        if (path.StartsWith("network-traffic:extensions.http-request-ext.request_header.", StringComparison.Ordinal))
        {
            return path.EndsWith(".user-agent", StringComparison.OrdinalIgnoreCase) ? ObservableKind.UserAgent : null;
        }

        return path switch
        {
            "ipv4-addr:value" => ObservableKind.Ipv4Address,
            "ipv6-addr:value" => ObservableKind.Ipv6Address,
            "domain-name:value" => ObservableKind.Domain,
            "url:value" => ObservableKind.Url,
            "email-addr:value" or "email-message:from_ref.value" or "email-message:sender_ref.value"
                or "email-message:to_refs.value" or "email-message:cc_refs.value" or "email-message:bcc_refs.value"
                => ObservableKind.Email,
            "mutex:name" => ObservableKind.Mutex,
            "windows-registry-key:key" => ObservableKind.RegistryKey,
            "x509-certificate:serial_number" => ObservableKind.X509Serial,
            "autonomous-system:number" => ObservableKind.AutonomousSystem,
            _ => null,
        };
    }

    /// <summary><c>type:step.step</c> with list indexes dropped: <c>to_refs[*].value</c> and <c>to_refs[0].value</c> both name an address.</summary>
    private static string PathKey(PatternComparison comparison)
    {
        var builder = new StringBuilder(comparison.ObjectType).Append(':');
        var first = true;
        foreach (var step in comparison.Components)
        {
            if (step is PropertyStep property)
            {
                builder.Append(first ? "" : ".").Append(property.Name);
                first = false;
            }
        }

        return builder.ToString();
    }
}
