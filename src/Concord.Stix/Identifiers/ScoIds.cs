using System.Buffers;
using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Concord.Stix.Identifiers;

/// <summary>How an SCO's id relates to the deterministic id STIX 2.1 section 2.9 prescribes.</summary>
public enum ScoIdStatus
{
    /// <summary>No deterministic id applies: not a STIX 2.1 SCO type, or none of its id-contributing properties is present.</summary>
    NotApplicable,

    /// <summary>The id equals the UUIDv5 computed from the id-contributing properties.</summary>
    Matches,

    /// <summary>
    /// The id is not a UUIDv5 (typically a UUIDv4). Allowed: the deterministic id is a SHOULD, so at most a warning.
    /// </summary>
    NotDeterministic,

    /// <summary>
    /// The id is a UUIDv5 but not the computed one: most likely computed wrongly or over the wrong properties,
    /// which defeats de-duplication across producers.
    /// </summary>
    Mismatch,
}

/// <summary>
/// Deterministic identifiers for STIX Cyber-observable Objects (STIX 2.1 section 2.9): a UUIDv5 in the SCO namespace
/// over the RFC 8785 canonical JSON of the type's id-contributing properties, so that the same observable gets the
/// same id wherever it is produced.
/// </summary>
public static class ScoIds
{
    /// <summary>The UUIDv5 namespace STIX 2.1 reserves for SCO ids.</summary>
    public const string Namespace = "00abedb4-aa42-466c-9c01-fed23315a9b7";

    private static readonly byte[] NamespaceBytes = Convert.FromHexString(Namespace.Replace("-", "", StringComparison.Ordinal));

    // Hash preference from section 2.9: one hash only, MD5 first, then SHA-1, SHA-256, SHA-512, else the first given.
    private static readonly string[] HashPreference = ["MD5", "SHA-1", "SHA-256", "SHA-512"];

    private static readonly FrozenDictionary<string, string[]> Contributing = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["artifact"] = ["hashes", "payload_bin"],
        ["autonomous-system"] = ["number"],
        ["directory"] = ["path"],
        ["domain-name"] = ["value"],
        ["email-addr"] = ["value"],
        ["email-message"] = ["from_ref", "subject", "body"],
        ["file"] = ["hashes", "name", "extensions", "parent_directory_ref"],
        ["ipv4-addr"] = ["value"],
        ["ipv6-addr"] = ["value"],
        ["mac-addr"] = ["value"],
        ["mutex"] = ["name"],
        ["network-traffic"] = ["start", "end", "src_ref", "dst_ref", "src_port", "dst_port", "protocols", "extensions"],
        ["process"] = [],
        ["software"] = ["name", "cpe", "swid", "vendor", "version"],
        ["url"] = ["value"],
        ["user-account"] = ["account_type", "user_id", "account_login"],
        ["windows-registry-key"] = ["key", "values"],
        ["x509-certificate"] = ["hashes", "serial_number"],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The id-contributing properties of a STIX 2.1 SCO type (empty for <c>process</c>), or null for other types.</summary>
    public static IReadOnlyList<string>? ContributingProperties(string type) =>
        Contributing.TryGetValue(type, out var properties) ? properties : null;

    /// <summary>
    /// Computes the deterministic id of an SCO of <paramref name="type"/> from its JSON. False when the type is not a
    /// STIX 2.1 SCO, when none of its id-contributing properties is present (the producer then uses a UUIDv4), or when
    /// a contributing value cannot be canonicalised (a number beyond the range of a double).
    /// </summary>
    public static bool TryCompute(string type, JsonElement sco, [NotNullWhen(true)] out string? id)
    {
        id = null;
        if (sco.ValueKind != JsonValueKind.Object || !Contributing.TryGetValue(type, out var properties) || properties.Length == 0)
        {
            return false;
        }

        var name = new ArrayBufferWriter<byte>(256);
        var written = 0;
        // Writing the present properties in ordinal order yields the RFC 8785 member order without building an object.
        foreach (var property in properties.Order(StringComparer.Ordinal))
        {
            if (!sco.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            JsonProperty hash = default;
            if (property == "hashes" && !TryChooseHash(value, out hash))
            {
                continue;
            }

            Append(name, written++ == 0 ? "{\"" : ",\"");
            Append(name, property);
            Append(name, "\":");
            try
            {
                if (property == "hashes")
                {
                    // Only the chosen hash contributes: {"<algorithm>":"<value>"}.
                    Append(name, "{");
                    JsonCanonicalizer.WriteString(hash.Name, name);
                    Append(name, ":");
                    JsonCanonicalizer.Write(hash.Value, name);
                    Append(name, "}");
                }
                else
                {
                    JsonCanonicalizer.Write(value, name);
                }
            }
            catch (ArgumentException)
            {
                return false;
            }
        }

        if (written == 0)
        {
            return false;
        }

        Append(name, "}");
        id = type + "--" + UuidV5(NamespaceBytes, name.WrittenSpan);
        return true;
    }

    /// <summary>Computes the deterministic id of a parsed SCO (see <see cref="TryCompute(string, JsonElement, out string?)"/>).</summary>
    public static bool TryCompute(StixObject sco, [NotNullWhen(true)] out string? id)
    {
        ArgumentNullException.ThrowIfNull(sco);
        return TryCompute(sco.Type, sco.Json, out id);
    }

    /// <summary>
    /// Compares an SCO's <c>id</c> with its deterministic id, for validators: <paramref name="expectedId"/> is the
    /// computed id whenever one applies.
    /// </summary>
    public static ScoIdStatus Verify(JsonElement sco, out string? expectedId)
    {
        expectedId = null;
        if (sco.ValueKind != JsonValueKind.Object
            || !sco.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String
            || !TryCompute(type.GetString()!, sco, out expectedId))
        {
            return ScoIdStatus.NotApplicable;
        }

        if (!sco.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String)
        {
            return ScoIdStatus.NotDeterministic;
        }

        if (id.ValueEquals(expectedId))
        {
            return ScoIdStatus.Matches;
        }

        // The version nibble is the first character of the third UUID group: "type--xxxxxxxx-xxxx-5xxx-…".
        var text = id.GetString()!;
        var separator = text.IndexOf("--", StringComparison.Ordinal);
        var versionAt = separator + 2 + 14;
        return separator > 0 && text.Length == separator + 2 + 36 && text[versionAt] == '5'
            ? ScoIdStatus.Mismatch
            : ScoIdStatus.NotDeterministic;
    }

    /// <summary>
    /// Builds a new SCO: <c>type</c>, <c>spec_version</c> 2.1 and its id (deterministic, or a random UUIDv4 when no
    /// id-contributing property is given) followed by <paramref name="properties"/>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="type"/> is not a STIX 2.1 SCO type, or the properties set type/id.</exception>
    public static StixObject Create(string type, JsonObject properties)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(properties);
        if (!Contributing.ContainsKey(type))
        {
            throw new ArgumentException($"'{type}' is not a STIX 2.1 cyber-observable type.", nameof(type));
        }

        var sco = new JsonObject { ["type"] = type, ["spec_version"] = "2.1", ["id"] = null };
        foreach (var (key, value) in properties)
        {
            if (key is "type" or "id" or "spec_version")
            {
                throw new ArgumentException($"'{key}' is set by Create, not by the caller.", nameof(properties));
            }

            sco[key] = value?.DeepClone();
        }

        using var document = JsonDocument.Parse(sco.ToJsonString());
        sco["id"] = TryCompute(type, document.RootElement, out var id) ? id : type + "--" + Guid.NewGuid().ToString("D");
        return StixObjectBuilder.FromNode(sco);
    }

    /// <summary>An RFC 4122 name-based (SHA-1, version 5) UUID in its lowercase text form.</summary>
    public static string UuidV5(ReadOnlySpan<byte> namespaceId, ReadOnlySpan<byte> name)
    {
        if (namespaceId.Length != 16)
        {
            throw new ArgumentException("A UUID namespace is 16 bytes.", nameof(namespaceId));
        }

        // One SHA-1 call over namespace and name: an incremental hash costs more to create than a short name to hash.
        var length = namespaceId.Length + name.Length;
        byte[]? rented = length > 512 ? ArrayPool<byte>.Shared.Rent(length) : null;
        Span<byte> input = rented is null ? stackalloc byte[length] : rented.AsSpan(0, length);
        namespaceId.CopyTo(input);
        name.CopyTo(input[namespaceId.Length..]);
        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
        SHA1.HashData(input, hash);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        var hex = Convert.ToHexStringLower(hash[..16]);
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..32]}";
    }

    private static bool TryChooseHash(JsonElement hashes, out JsonProperty chosen)
    {
        chosen = default;
        if (hashes.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        var found = false;
        var rank = int.MaxValue;
        foreach (var candidate in hashes.EnumerateObject())
        {
            var index = Array.IndexOf(HashPreference, candidate.Name);
            var candidateRank = index < 0 ? HashPreference.Length : index;
            if (!found || candidateRank < rank)
            {
                // Strictly better only, so among non-preferred algorithms the first one given wins.
                chosen = candidate;
                rank = candidateRank;
                found = true;
            }
        }

        return found;
    }

    private static void Append(IBufferWriter<byte> output, string text)
    {
        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        output.Advance(Encoding.UTF8.GetBytes(text, span));
    }
}
