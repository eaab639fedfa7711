using System.Collections.Frozen;
using System.Text;
using System.Text.RegularExpressions;
using Concord.Stix;
using Concord.Stix.Identifiers;
using Concord.Stix.Markings;

namespace Concord.Intel.Features.Misp;

/// <summary>
/// The fixed facts of MISP's STIX 2.1 mapping, as misp-stix (MISP/misp-stix, the converter MISP ships) applies them:
/// identifier derivations, pattern escaping, hash names, the TLP tags and the <c>to_ids</c> defaults of MISP's
/// attribute types. Read from its documentation and source for understanding, written here from the facts.
/// </summary>
internal static partial class MispStix
{
    /// <summary>misp-stix's UUIDv5 namespace for relationships it mints (<c>"source - type - target"</c>).</summary>
    public static readonly byte[] RelationshipNamespace = Guid.Parse("76beed5f-7251-457e-8c2a-b45f7b589d3d").ToByteArray(bigEndian: true);

    /// <summary>Concord's namespace for uuids a MISP element lacks (PyMISP fragments), so a re-import derives the same ids.</summary>
    public static readonly byte[] MissingUuidNamespace = Guid.Parse("3a1f6c5e-9b7d-4c2a-8e41-5d0b7f2c9a63").ToByteArray(bigEndian: true);

    public static readonly string[] CompositeSeparators = ["|", "_"];

    /// <summary>The MISP attribute types whose <c>to_ids</c> defaults to true (PyMISP's describeTypes.json, sane_defaults).</summary>
    private static readonly FrozenSet<string> ToIdsByDefault = new[]
    {
        "aba-rtn", "authentihash", "azure-application-id", "bank-account-nr", "bic", "bin", "bro", "btc", "cc-number", "cdhash",
        "chrome-extension-id", "community-id", "dash", "dom-hash", "domain", "domain|ip", "edge-extension-id", "email",
        "email-attachment", "email-dst", "email-src", "eppn", "favicon-mmh3", "filename", "filename-pattern", "filename|authentihash",
        "filename|impfuzzy", "filename|imphash", "filename|md5", "filename|pehash", "filename|sha1", "filename|sha224", "filename|sha256",
        "filename|sha3-224", "filename|sha3-256", "filename|sha3-384", "filename|sha3-512", "filename|sha384", "filename|sha512",
        "filename|sha512/224", "filename|sha512/256", "filename|ssdeep", "filename|tlsh", "filename|vhash", "hassh-md5", "hasshserver-md5",
        "hostname", "hostname|port", "iban", "impfuzzy", "imphash", "ip-dst", "ip-dst|port", "ip-src", "ip-src|port", "ja3-fingerprint-md5",
        "jarm-fingerprint", "malware-sample", "md5", "mobile-application-id", "mutex", "onion-address", "pattern-in-file",
        "pattern-in-memory", "pattern-in-traffic", "pehash", "prtn", "regkey", "regkey|value", "sha1", "sha224", "sha256", "sha3-224",
        "sha3-256", "sha3-384", "sha3-512", "sha384", "sha512", "sha512/224", "sha512/256", "sigma", "snort", "ssdeep", "stix2-pattern",
        "suricata", "telfhash", "tlsh", "uri", "url", "vhash", "x509-fingerprint-md5", "x509-fingerprint-sha1", "x509-fingerprint-sha256",
        "xmr", "yara", "zeek",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The attribute types misp-stix converts as hashes of a file (alone, or after <c>filename|</c>).</summary>
    public static readonly FrozenSet<string> HashTypes = new[]
    {
        "md5", "sha1", "sha224", "sha256", "sha384", "sha512", "sha512/224", "sha512/256", "ssdeep", "authentihash", "imphash",
        "sha3-224", "sha3-256", "sha3-384", "sha3-512", "tlsh", "vhash", "cdhash", "impfuzzy", "pehash", "telfhash",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> TlpTags = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // misp-stix marks tlp:white…red with python-stix2's TLP 1.0 definitions and the TLP 2.0 names with TLP 2.0's.
        ["tlp:white"] = TlpMarkings.Tlp1WhiteId,
        ["tlp:green"] = TlpMarkings.Tlp1GreenId,
        ["tlp:amber"] = TlpMarkings.Tlp1AmberId,
        ["tlp:red"] = TlpMarkings.Tlp1RedId,
        ["tlp:clear"] = TlpMarkings.ClearId,
        ["tlp:amber+strict"] = TlpMarkings.AmberStrictId,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, int> ConfidenceTags = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["misp:confidence-level=\"completely-confident\""] = 100,
        ["misp:confidence-level=\"usually-confident\""] = 75,
        ["misp:confidence-level=\"fairly-confident\""] = 50,
        ["misp:confidence-level=\"rarely-confident\""] = 25,
        ["misp:confidence-level=\"unconfident\""] = 0,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static bool DefaultToIds(string type) => ToIdsByDefault.Contains(type);

    /// <summary>The marking-definition id of a <c>tlp:*</c> tag (any case, as MISP's taxonomy spells it), or null.</summary>
    public static string? TlpMarking(string tag) => TlpTags.TryGetValue(tag.Trim().ToLowerInvariant(), out var id) ? id : null;

    public static int? Confidence(string tag) => ConfidenceTags.TryGetValue(tag, out var score) ? score : null;

    /// <summary>The published JSON of a TLP marking definition by its id.</summary>
    public static string MarkingJson(string id)
    {
        TlpMarkings.TryGetLevel(id, out var level);
        return id is TlpMarkings.Tlp1WhiteId or TlpMarkings.Tlp1GreenId or TlpMarkings.Tlp1AmberId or TlpMarkings.Tlp1RedId
            ? TlpMarkings.Tlp1JsonOf(level)
            : TlpMarkings.JsonOf(level);
    }

    public static string RelationshipId(string source, string type, string target) =>
        "relationship--" + ScoIds.UuidV5(RelationshipNamespace, Encoding.UTF8.GetBytes($"{source} - {type} - {target}"));

    /// <summary>A stable uuid for an element MISP gave none (the same element always gets the same one).</summary>
    public static string DerivedUuid(string name) => ScoIds.UuidV5(MissingUuidNamespace, Encoding.UTF8.GetBytes(name));

    /// <summary>A value inside a STIX pattern's single quotes: backslashes and quotes escaped.</summary>
    public static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal);

    /// <summary>An object path segment: bare when it is a keyword, quoted otherwise (<c>hashes.MD5</c>, <c>hashes.'SHA-1'</c>).</summary>
    public static string Segment(string segment) => Keyword().IsMatch(segment) ? segment : $"'{Escape(segment)}'";

    /// <summary>misp-stix's name for a hash type: <c>sha3-256</c> → <c>SHA3256</c>, <c>sha512/256</c> → <c>SHA256</c>.</summary>
    public static string HashName(string type) =>
        type.Contains('/', StringComparison.Ordinal) ? "SHA" + type[(type.IndexOf('/', StringComparison.Ordinal) + 1)..] : type.Replace("-", string.Empty, StringComparison.Ordinal).ToUpperInvariant();

    /// <summary>The hash key in a pattern (<c>SHA-1</c>, <c>SHA3-256</c>; others as <see cref="HashName"/>).</summary>
    public static string PatternHash(string type) => StixHash(HashName(type), forPattern: true);

    /// <summary>The key in an SCO's <c>hashes</c>, as python-stix2 normalises it.</summary>
    public static string ObservableHash(string type) => StixHash(HashName(type), forPattern: false);

    private static string StixHash(string name, bool forPattern) => name switch
    {
        "SHA1" => "SHA-1",
        "SHA256" => "SHA-256",
        "SHA512" => "SHA-512",
        "SHA3256" => "SHA3-256",
        "SHA3512" => "SHA3-512",
        "SHA224" when forPattern => "SHA-224",
        "SHA384" when forPattern => "SHA-384",
        "SHA3224" when forPattern => "SHA3-224",
        "SHA3384" when forPattern => "SHA3-384",
        _ => name,
    };

    /// <summary>
    /// A custom property name STIX accepts (a-z, 0-9, _): misp-stix keeps MISP's hyphens and capitals
    /// (<c>x_misp_cfr-suspected-victims</c>), which STIX 2.1 forbids (difference "custom-property-names").
    /// </summary>
    public static string CustomProperty(string name)
    {
        var chars = name.ToLowerInvariant().Select(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') ? c : '_').ToArray();
        return "x_misp_" + new string(chars);
    }

    /// <summary>
    /// A registry key with its hive spelled out, as STIX 2.1 requires of the SCO (misp-stix copies MISP's HKLM\…, which the
    /// specification forbids: difference "registry-hives"). Patterns keep the key as written.
    /// </summary>
    public static string RegistryHive(string key)
    {
        foreach (var (alias, hive) in Hives)
        {
            if (key.StartsWith(alias, StringComparison.OrdinalIgnoreCase) && (key.Length == alias.Length || key[alias.Length] == '\\'))
            {
                return hive + key[alias.Length..];
            }
        }

        return key;
    }

    private static readonly (string Alias, string Hive)[] Hives =
        [("HKLM", "HKEY_LOCAL_MACHINE"), ("HKCU", "HKEY_CURRENT_USER"), ("HKCR", "HKEY_CLASSES_ROOT"), ("HKU", "HKEY_USERS"), ("HKCC", "HKEY_CURRENT_CONFIG")];

    /// <summary>
    /// A pattern literal for <paramref name="property"/>: integer properties (ports, sizes, AS numbers) take an integer.
    /// misp-stix quotes them ('443'), a text literal that never equals an integer, which Concord's pattern check refuses
    /// (difference "integer-literals").
    /// </summary>
    public static string Literal(string property, string value) =>
        property is "dst_port" or "src_port" or "size" or "number" && value.Length is > 0 and < 19 && value.All(char.IsAsciiDigit) ? value : $"'{value}'";

    public static string AddressType(string ip) => ip.Contains(':', StringComparison.Ordinal) ? "ipv6-addr" : "ipv4-addr";

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Keyword();
}
