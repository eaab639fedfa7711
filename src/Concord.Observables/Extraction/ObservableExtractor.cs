using System.Text.Json;
using Concord.Stix;

namespace Concord.Observables.Extraction;

/// <summary>
/// Finds the observables in one STIX object: the values of cyber-observable objects, and the equality and
/// <c>IN</c> comparisons of an indicator's STIX pattern. Objects of other types yield nothing.
/// </summary>
public static class ObservableExtractor
{
    /// <summary>
    /// The STIX types <see cref="Extract"/> finds values in, so that a caller that reads objects to extract from them can
    /// skip the others before reading them.
    /// </summary>
    public static IReadOnlySet<string> Types { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "indicator", "ipv4-addr", "ipv6-addr", "domain-name", "url", "email-addr", "mutex", "windows-registry-key",
        "file", "artifact", "x509-certificate", "autonomous-system", "network-traffic",
    };

    /// <summary>Extracts from <paramref name="stixObject"/>; never throws on odd content, it reports it.</summary>
    public static ObservableExtraction Extract(StixObject stixObject)
    {
        ArgumentNullException.ThrowIfNull(stixObject);
        var found = new ObservableExtraction();
        var json = stixObject.Json;
        switch (stixObject.Type)
        {
            case "indicator":
                PatternObservables.Extract(json, found);
                break;
            case "ipv4-addr":
                AddString(found, ObservableKind.Ipv4Address, json, "value");
                break;
            case "ipv6-addr":
                AddString(found, ObservableKind.Ipv6Address, json, "value");
                break;
            case "domain-name":
                AddString(found, ObservableKind.Domain, json, "value");
                break;
            case "url":
                AddString(found, ObservableKind.Url, json, "value");
                break;
            case "email-addr":
                AddString(found, ObservableKind.Email, json, "value");
                break;
            case "mutex":
                AddString(found, ObservableKind.Mutex, json, "name");
                break;
            case "windows-registry-key":
                AddString(found, ObservableKind.RegistryKey, json, "key");
                break;
            case "file" or "artifact":
                AddHashes(found, json);
                break;
            case "x509-certificate":
                AddString(found, ObservableKind.X509Serial, json, "serial_number");
                AddHashes(found, json);
                break;
            case "autonomous-system":
                AddNumber(found, json);
                break;
            case "network-traffic":
                AddUserAgent(found, json);
                break;
        }

        return found;
    }

    private static void AddString(ObservableExtraction found, ObservableKind kind, JsonElement json, string property)
    {
        if (json.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String)
        {
            found.Add(kind, value.GetString(), $"$.{property}");
        }
    }

    private static void AddHashes(ObservableExtraction found, JsonElement json)
    {
        if (!json.TryGetProperty("hashes", out var hashes) || hashes.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var hash in hashes.EnumerateObject())
        {
            if (ObservableExtraction.HashKind(hash.Name) is { } kind && hash.Value.ValueKind == JsonValueKind.String)
            {
                found.Add(kind, hash.Value.GetString(), $"$.hashes['{hash.Name}']");
            }
        }
    }

    private static void AddNumber(ObservableExtraction found, JsonElement json)
    {
        if (json.TryGetProperty("number", out var number) && number.ValueKind == JsonValueKind.Number)
        {
            found.Add(ObservableKind.AutonomousSystem, number.GetRawText(), "$.number");
        }
    }

    /// <summary>Only the User-Agent header: the rest of network-traffic is references to other objects.</summary>
    private static void AddUserAgent(ObservableExtraction found, JsonElement json)
    {
        if (!json.TryGetProperty("extensions", out var extensions) || extensions.ValueKind != JsonValueKind.Object
            || !extensions.TryGetProperty("http-request-ext", out var http) || http.ValueKind != JsonValueKind.Object
            || !http.TryGetProperty("request_header", out var headers) || headers.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var header in headers.EnumerateObject())
        {
            // HTTP header names are case-insensitive; STIX examples write User-Agent, producers vary.
            if (header.Name.Equals("User-Agent", StringComparison.OrdinalIgnoreCase) && header.Value.ValueKind == JsonValueKind.String)
            {
                found.Add(ObservableKind.UserAgent, header.Value.GetString(), $"$.extensions['http-request-ext'].request_header['{header.Name}']");
            }
        }
    }
}
