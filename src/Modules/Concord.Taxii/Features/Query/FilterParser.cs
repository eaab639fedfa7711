using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Concord.Taxii.Http;
using Microsoft.AspNetCore.Http;

namespace Concord.Taxii.Features.Query;

/// <summary>
/// Parses the TAXII query parameters (T 3.4, 3.4.1, 3.5). Anything malformed is a 400 naming the parameter (a MUST);
/// a parameter may not repeat; unknown parameters and filters an endpoint does not take are ignored (T 3.4.1 MAY).
/// </summary>
internal static partial class FilterParser
{
    public static (TaxiiFilters? Filters, TaxiiError? Error) Parse(HttpRequest request, FilterSet allowed, int maxPage, PageToken? tokens = null)
    {
        var query = request.Query;
        foreach (var (key, values) in query)
        {
            if (values.Count > 1)
            {
                return Fail(key, "parameter-repeated", $"'{key}' may appear only once; separate several values with commas.");
            }
        }

        var fingerprint = Fingerprint(request.Path, query);
        var filters = new TaxiiFilters { Limit = maxPage, Fingerprint = fingerprint, Tokens = tokens };
        if (allowed.HasFlag(FilterSet.Paging))
        {
            if (query.TryGetValue("added_after", out var addedAfter))
            {
                if (!TaxiiTime.TryParse(addedAfter, out var time))
                {
                    return Fail("added_after", "timestamp-format", "'added_after' must be a timestamp like 2026-01-31T12:00:00.000000Z.");
                }

                filters = filters with { AddedAfter = time };
            }

            if (query.TryGetValue("limit", out var limitText))
            {
                if (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) || limit < 1)
                {
                    return Fail("limit", "positive-integer", "'limit' must be a positive integer.");
                }

                filters = filters with { Limit = Math.Min(limit, maxPage) };
            }

            if (query.TryGetValue("next", out var next))
            {
                if (tokens is null || !tokens.TryRead(next, fingerprint, out var after))
                {
                    return Fail("next", "next-token", "'next' is not a token this server gave you for this request; send it back with the same filters.");
                }

                filters = filters with { After = after };
            }
        }

        if (allowed.HasFlag(FilterSet.Id) && query.TryGetValue("match[id]", out var ids))
        {
            if (List(ids, StixId) is not { } list)
            {
                return Fail("match[id]", "stix-id-list", "'match[id]' must be STIX ids (type--UUID) separated by commas, without repeats.");
            }

            filters = filters with { Ids = list };
        }

        if (allowed.HasFlag(FilterSet.Type) && query.TryGetValue("match[type]", out var types))
        {
            if (List(types, StixType) is not { } list)
            {
                return Fail("match[type]", "stix-type-list", "'match[type]' must be STIX types (a-z, 0-9, -) separated by commas, without repeats.");
            }

            filters = filters with { Types = list };
        }

        if (allowed.HasFlag(FilterSet.Version) && query.TryGetValue("match[version]", out var versions))
        {
            var parsed = Versions(versions.ToString(), filters);
            if (parsed is null)
            {
                return Fail("match[version]", "version-list", "'match[version]' takes 'all' alone, or any of 'first', 'last' and STIX timestamps, separated by commas, without repeats.");
            }

            filters = parsed with { VersionGiven = true };
        }

        if (allowed.HasFlag(FilterSet.SpecVersion) && query.TryGetValue("match[spec_version]", out var specs))
        {
            if (List(specs, SpecVersion) is not { } list)
            {
                return Fail("match[spec_version]", "spec-version-list", "'match[spec_version]' must be STIX versions such as 2.1, separated by commas, without repeats.");
            }

            filters = filters with { SpecVersions = list };
        }

        return (filters, null);
    }

    private static TaxiiFilters? Versions(string text, TaxiiFilters filters)
    {
        var values = List(text, v => v is "all" or "first" or "last" || TaxiiTime.TryParse(v, out _));
        if (values is null || (values.Contains("all") && values.Count > 1))
        {
            return null;
        }

        if (values.Contains("all"))
        {
            return filters with { AllVersions = true, Last = false };
        }

        var stamps = values.Where(v => v is not ("first" or "last")).ToList();
        return filters with { Last = values.Contains("last"), First = values.Contains("first"), VersionTimestamps = stamps.Count > 0 ? stamps : null };
    }

    private static List<string>? List(string? text, Func<string, bool> valid)
    {
        var values = (text ?? "").Split(',');
        return values.All(v => v.Length > 0 && valid(v)) && values.Distinct(StringComparer.Ordinal).Count() == values.Length ? [.. values] : null;
    }

    private static string Fingerprint(PathString path, IQueryCollection query)
    {
        var text = new StringBuilder(path.Value?.TrimEnd('/'));
        foreach (var (key, value) in query.Where(p => p.Key is not ("next" or "limit")).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append('&').Append(key).Append('=').Append(value.ToString());
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    private static (TaxiiFilters?, TaxiiError?) Fail(string field, string rule, string description) =>
        (null, TaxiiError.BadRequest(field, rule, description));

    private static bool StixId(string v) => StixIdShape().IsMatch(v);

    private static bool StixType(string v) => StixTypeShape().IsMatch(v);

    private static bool SpecVersion(string v) => SpecShape().IsMatch(v);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,248}[a-z0-9]--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex StixIdShape();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,248}[a-z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex StixTypeShape();

    [GeneratedRegex(@"^[0-9]+\.[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex SpecShape();
}
