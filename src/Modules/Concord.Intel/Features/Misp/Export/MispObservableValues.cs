using System.Globalization;
using System.Text.Json;

namespace Concord.Intel.Features.Misp;

/// <summary>
/// MISP attribute values from STIX observables, the import's mapping read backwards: which SCO property holds the
/// value of each attribute type, how composite values (<c>domain|ip</c>, <c>filename|md5</c>, <c>ip-dst|port</c>) are
/// put together again, and which attribute type a pattern term or a lone observable is.
/// </summary>
internal static class MispObservableValues
{
    public static string? Attribute(string type, IReadOnlyList<MispExportItem> scos)
    {
        MispExportItem? Of(params string[] types) => scos.FirstOrDefault(s => types.Contains(s.Type));
        string? Join(string? left, string? right) => left is null || right is null ? null : left + "|" + right;
        var address = Of("ipv4-addr", "ipv6-addr")?.Text("value");
        var traffic = Of("network-traffic");
        var file = Of("file");
        switch (type)
        {
            case "ip-src|port" or "ip-dst|port":
                return Join(address, Number(traffic, type.StartsWith("ip-src", StringComparison.Ordinal) ? "src_port" : "dst_port"));
            case "hostname|port":
                return Join(Of("domain-name")?.Text("value"), Number(traffic, "dst_port"));
            case "domain|ip":
                return Join(Of("domain-name")?.Text("value"), address);
            case "regkey|value":
                var key = Of("windows-registry-key");
                return Join(key?.Text("key"), key is null ? null : First(key.Json, "values", "data"));
            case "AS":
                return Number(Of("autonomous-system"), "number");
            case "github-username":
                return Of("user-account")?.Text("account_login");
            case "email-reply-to" or "email-x-mailer":
                return Of("email-message") is { } message && message.Json.TryGetProperty("additional_header_fields", out var headers) && headers.ValueKind == JsonValueKind.Object
                    ? headers.EnumerateObject().Select(h => h.Value.GetString()).FirstOrDefault() : null;
            case "email-header":
                return Of("email-message") is { } header ? header.Strings("received_lines").FirstOrDefault() : null;
            case "email-subject":
                return Of("email-message")?.Text("subject");
            case "email-body":
                return Of("email-message")?.Text("body");
            case "email-message-id":
                return Of("email-message")?.Text("message_id");
            case "email-attachment" or "filename" or "attachment":
                return file?.Text("name");
            case "malware-sample":
                var sample = file?.Text("name") ?? Of("artifact")?.Text("x_misp_filename");
                return Join(sample, Hash(file, "md5") ?? Hash(Of("artifact"), "md5")) ?? sample;
            case "x509-fingerprint-md5" or "x509-fingerprint-sha1" or "x509-fingerprint-sha256":
                return Hash(Of("x509-certificate"), type[17..]);
            case "mutex":
                return Of("mutex")?.Text("name");
            case "regkey":
                return Of("windows-registry-key")?.Text("key");
        }

        if (MispStix.HashTypes.Contains(type))
        {
            return Hash(file, type);
        }

        if (type.StartsWith("filename|", StringComparison.Ordinal) && MispStix.HashTypes.Contains(type[9..]))
        {
            return Join(file?.Text("name"), Hash(file, type[9..]));
        }

        return address ?? scos.Select(s => s.Text("value")).FirstOrDefault(v => v is not null);
    }

    /// <summary>The attribute a lone observable (not from MISP) is: its type and value; null when MISP has none for it.</summary>
    public static (string Type, string Value)? Native(MispExportItem sco) => sco.Type switch
    {
        "ipv4-addr" or "ipv6-addr" => ("ip-dst", sco.Text("value")!),
        "domain-name" => ("domain", sco.Text("value")!),
        "url" => ("url", sco.Text("value")!),
        "email-addr" => ("email", sco.Text("value")!),
        "mac-addr" => ("mac-address", sco.Text("value")!),
        "mutex" => ("mutex", sco.Text("name")!),
        "windows-registry-key" => ("regkey", sco.Text("key")!),
        "autonomous-system" when Number(sco, "number") is { } number => ("AS", number),
        "file" when FirstHash(sco) is { } hash => hash,
        "file" when sco.Text("name") is { } name => ("filename", name),
        _ => null,
    };

    /// <summary>The attribute type of a pattern term (<c>ipv4-addr:value</c> → ip-dst, <c>file:hashes.MD5</c> → md5).</summary>
    public static string? TypeOf(MispPatternTerms.Term term) => (term.ObjectType, term.Path) switch
    {
        ("ipv4-addr" or "ipv6-addr", "value") or ("network-traffic", "dst_ref.value") => "ip-dst",
        ("network-traffic", "src_ref.value") => "ip-src",
        ("network-traffic", "dst_port") => "port",
        ("domain-name", "value") => "domain",
        ("url", "value") => "url",
        ("email-addr", "value") => "email",
        ("email-message", "from_ref.value") => "email-src",
        ("email-message", "to_refs[*].value") => "email-dst",
        ("email-message", "subject") => "email-subject",
        ("mac-addr", "value") => "mac-address",
        ("mutex", "name") => "mutex",
        ("windows-registry-key", "key") => "regkey",
        ("autonomous-system", "number") => "AS",
        ("file", "name") => "filename",
        ("file", "size") => "size-in-bytes",
        ("file", var path) when path.StartsWith("hashes.", StringComparison.Ordinal) => HashType(path[7..].Trim('\'')),
        _ => null,
    };

    /// <summary>The MISP hash type of a STIX hash name (<c>SHA-256</c> → sha256, <c>SHA3-256</c> → sha3-256).</summary>
    public static string? HashType(string stixName) =>
        OrderedHashes.FirstOrDefault(t => MispStix.ObservableHash(t) == stixName || MispStix.PatternHash(t) == stixName || MispStix.HashName(t) == stixName.ToUpperInvariant());

    // The plain hashes before the truncated SHA-512s, whose STIX names (SHA-224, SHA-256) they share.
    private static readonly string[] OrderedHashes = [.. MispStix.HashTypes.OrderBy(t => t.Contains('/', StringComparison.Ordinal)).ThenBy(t => t, StringComparer.Ordinal)];

    private static (string Type, string Value)? FirstHash(MispExportItem file) =>
        file.Json.TryGetProperty("hashes", out var hashes) && hashes.ValueKind == JsonValueKind.Object
            ? hashes.EnumerateObject().Select(h => HashType(h.Name) is { } t && h.Value.ValueKind == JsonValueKind.String ? (t, h.Value.GetString()!) : ((string, string)?)null).FirstOrDefault(h => h is not null)
            : null;

    private static string? Hash(MispExportItem? item, string type) =>
        item is not null && item.Json.TryGetProperty("hashes", out var hashes) && hashes.ValueKind == JsonValueKind.Object
            ? hashes.EnumerateObject().FirstOrDefault(h => HashType(h.Name) == type).Value is { ValueKind: JsonValueKind.String } value ? value.GetString() : null
            : null;

    private static string? Number(MispExportItem? item, string name) =>
        item is not null && item.Json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64().ToString(CultureInfo.InvariantCulture) : null;

    private static string? First(JsonElement json, string array, string name) =>
        json.TryGetProperty(array, out var items) && items.ValueKind == JsonValueKind.Array
            ? items.EnumerateArray().Select(i => i.ValueKind == JsonValueKind.Object && i.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null).FirstOrDefault(v => v is not null)
            : null;
}
