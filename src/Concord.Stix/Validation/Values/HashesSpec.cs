using System.Collections.Frozen;
using System.Text.Json;

namespace Concord.Stix.Validation.Values;

/// <summary>
/// A hashes dictionary (STIX 2.7): keys SHOULD come from the hashing-algorithm vocabulary (10.5); values MUST be
/// strings, and for the listed algorithms MUST have the algorithm's format.
/// </summary>
internal sealed class HashesSpec : ValueSpec
{
    public static readonly HashesSpec Instance = new();

    private static readonly FrozenDictionary<string, Func<ReadOnlySpan<byte>, bool>> Algorithms =
        new Dictionary<string, Func<ReadOnlySpan<byte>, bool>>(StringComparer.Ordinal)
        {
            ["MD5"] = s => StixSyntax.IsHex(s, 32),
            ["SHA-1"] = s => StixSyntax.IsHex(s, 40),
            ["SHA-256"] = s => StixSyntax.IsHex(s, 64),
            ["SHA-512"] = s => StixSyntax.IsHex(s, 128),
            ["SHA3-256"] = s => StixSyntax.IsHex(s, 64),
            ["SHA3-512"] = s => StixSyntax.IsHex(s, 128),
            ["SSDEEP"] = IsSsdeep,
            ["TLSH"] = IsTlsh,
        }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, Func<ReadOnlySpan<byte>, bool>>.AlternateLookup<ReadOnlySpan<char>> Lookup =
        Algorithms.GetAlternateLookup<ReadOnlySpan<char>>();

    public override string Description => "a hashes dictionary";

    public override void Check(JsonElement value, ValidationContext context)
    {
        if (!Expect(value, JsonValueKind.Object, context))
        {
            return;
        }

        var count = 0;
        foreach (var property in value.EnumerateObject())
        {
            count++;
            var name = JsonText.Name(property);
            context.Push(property);
            CheckEntry(name, property, context);
            context.Pop();
        }

        if (count == 0)
        {
            context.Error(StixRules.EmptyDictionary, "A hashes dictionary MUST have at least one entry.");
        }
    }

    private static void CheckEntry(ReadOnlySpan<byte> name, JsonProperty property, ValidationContext context)
    {
        var known = JsonText.TryGet(Lookup, name, out var format);
        if (!known)
        {
            // Custom algorithm names are allowed but must still be dictionary keys of 3-250 characters (OASIS schema).
            if (name.Length < 3 || !StixSyntax.IsDictionaryKey(name))
            {
                context.Error(StixRules.DictionaryKey, $"Hash algorithm name '{property.Name}' MUST be 3-250 characters of a-z, A-Z, 0-9, _ and -.");
            }
            else
            {
                context.Warning(StixRules.HashAlgorithm, $"'{property.Name}' is not in hashing-algorithm-ov (MD5, SHA-1, SHA-256, SHA-512, SHA3-256, SHA3-512, SSDEEP, TLSH).");
            }
        }

        if (property.Value.ValueKind != JsonValueKind.String)
        {
            context.Error(StixRules.PropertyType, $"A hash value MUST be a string, found {Describe(property.Value.ValueKind)}.");
        }
        else if (known && !format(JsonText.Value(property.Value)))
        {
            context.Error(StixRules.HashValue, $"'{property.Value.GetString()}' is not a valid {property.Name} value.");
        }
    }

    private static bool IsSsdeep(ReadOnlySpan<byte> s)
    {
        if (s.IsEmpty || s.Length > 128)
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!StixSyntax.IsLower(c) && !StixSyntax.IsDigit(c) && c is not (>= (byte)'A' and <= (byte)'Z') and not (byte)'/' and not (byte)'+' and not (byte)':' and not (byte)'.')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsTlsh(ReadOnlySpan<byte> s)
    {
        if (s.Length != 70)
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!StixSyntax.IsLower(c) && !StixSyntax.IsDigit(c) && c is not (>= (byte)'A' and <= (byte)'Z'))
            {
                return false;
            }
        }

        return true;
    }
}
