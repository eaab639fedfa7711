using System.Collections.Frozen;
using System.Text;
using Concord.Stix.Validation.Values;

namespace Concord.Stix.Patterning;

/// <summary>
/// The object paths whose values STIX 2.1 constrains (section 6's MUSTs), with what each holds. Paths are keyed with
/// every list index as <c>[*]</c>, so <c>email-message:to_refs[0].value</c> is checked like <c>to_refs[*].value</c>.
/// Hashes are checked under any type and depth: a <c>hashes</c> dictionary means the same everywhere (section 2.7).
/// </summary>
internal static class ObservableValueRules
{
    private static readonly ValueRule Email = new TextRule("a single e-mail address, e.g. someone@evil.example", ObservableFormats.EmailProblem);
    private static readonly ValueRule Mac = new TextRule("a MAC address, lowercase and colon-delimited, e.g. 00:00:5e:00:53:01", Utf8(Formats.IsMacAddress));
    private static readonly ValueRule NonNegative = new IntegerRule(0, long.MaxValue, "a count, 0 or more");

    private static readonly FrozenDictionary<string, ValueRule> Rules = new Dictionary<string, ValueRule>(StringComparer.Ordinal)
    {
        ["ipv4-addr:value"] = new TextRule("an IPv4 address or CIDR, e.g. 198.51.100.7 or 198.51.100.0/24", Utf8(Formats.IsIpv4Cidr)),
        ["ipv6-addr:value"] = new TextRule("an IPv6 address or CIDR, e.g. 2001:db8::7 or 2001:db8::/32", Utf8(AddressFormats.IsIpv6Cidr)),
        ["ipv4-addr:resolves_to_refs[*].value"] = Mac,
        ["ipv6-addr:resolves_to_refs[*].value"] = Mac,
        ["mac-addr:value"] = Mac,
        ["domain-name:value"] = new TextRule("a domain name, e.g. evil.example", ObservableFormats.DomainProblem),
        ["url:value"] = new TextRule("an absolute URL, e.g. http://evil.example/x", ObservableFormats.UrlProblem, ObservableFormats.UrlDoubt),
        ["email-addr:value"] = Email,
        ["email-message:from_ref.value"] = Email,
        ["email-message:sender_ref.value"] = Email,
        ["email-message:to_refs[*].value"] = Email,
        ["email-message:cc_refs[*].value"] = Email,
        ["email-message:bcc_refs[*].value"] = Email,
        ["network-traffic:src_port"] = new IntegerRule(0, 65535, "a port number, 0-65535"),
        ["network-traffic:dst_port"] = new IntegerRule(0, 65535, "a port number, 0-65535"),
        ["network-traffic:src_byte_count"] = NonNegative,
        ["network-traffic:dst_byte_count"] = NonNegative,
        ["network-traffic:src_packets"] = NonNegative,
        ["network-traffic:dst_packets"] = NonNegative,
        ["file:size"] = NonNegative,
        ["autonomous-system:number"] = new IntegerRule(0, uint.MaxValue, "an AS number, 0-4294967295"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// Hash algorithms of hashing-algorithm-ov whose values are hex digests of a fixed length, by name upper-cased
    /// without separators (so <c>'SHA-256'</c>, <c>SHA256</c> and <c>sha256</c> are one). SSDEEP and TLSH are left out:
    /// their text forms vary between tool versions (TLSH with or without its "T1" prefix).
    /// </summary>
    private static readonly FrozenDictionary<string, ValueRule> Hashes = new Dictionary<string, ValueRule>(StringComparer.Ordinal)
    {
        ["MD5"] = Digest(32),
        ["SHA1"] = Digest(40),
        ["SHA256"] = Digest(64),
        ["SHA512"] = Digest(128),
        ["SHA3256"] = Digest(64),
        ["SHA3512"] = Digest(128),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>What the property at <paramref name="path"/> holds, or null when its values are not constrained here.</summary>
    public static ValueRule? For(ObjectPath path)
    {
        var steps = path.Steps;
        if (steps.Length >= 2 && steps[^2] is PropertyStep { Name: "hashes" } && steps[^1] is PropertyStep algorithm)
        {
            return Hashes.GetValueOrDefault(algorithm.Name.Replace("-", "", StringComparison.Ordinal).ToUpperInvariant());
        }

        return Rules.GetValueOrDefault(Key(path));
    }

    private static string Key(ObjectPath path)
    {
        var key = new StringBuilder(path.ObjectType).Append(':');
        for (var i = 0; i < path.Steps.Length; i++)
        {
            _ = path.Steps[i] switch
            {
                PropertyStep property => key.Append(i == 0 ? "" : ".").Append(property.Name),
                _ => key.Append("[*]"),
            };
        }

        return key.ToString();
    }

    private static TextRule Digest(int digits) =>
        new($"{digits} hex digits", value => value.Length != digits ? $"it has {value.Length} characters"
            : StixSyntax.IsHex(Encoding.UTF8.GetBytes(value)) ? null : "it is not all hex digits");

    /// <summary>Adapts a UTF-8 format check of the SCO validator, so that patterns and objects agree on what is valid.</summary>
    private static Func<string, string?> Utf8(Func<ReadOnlySpan<byte>, bool> isValid) =>
        value => isValid(Encoding.UTF8.GetBytes(value)) ? null : "";
}
