using System.IO.Compression;

namespace Concord.Access.Authentication;

/// <summary>
/// The common and breached passwords shipped with the node (Passwords/README.md: 414,553 of them), held as a sorted
/// array of 64-bit FNV-1a hashes of the lower-cased password: about 3.3 MB instead of tens of MB of strings, loaded
/// once, on first use. Two different passwords share a hash with odds of about 2⁻⁴⁵ over the whole list — the price is
/// at worst refusing one more password.
/// </summary>
internal static class CommonPasswords
{
    private const string Resource = "Concord.Access.common-passwords.txt.gz";
    private static readonly Lazy<ulong[]> Hashes = new(Load);

    public static int Count => Hashes.Value.Length;

    /// <summary>Whether the password, compared case-insensitively, is on the list.</summary>
    public static bool Contains(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        return Array.BinarySearch(Hashes.Value, Hash(password.ToLowerInvariant())) >= 0;
    }

    private static ulong[] Load()
    {
        using var stream = typeof(CommonPasswords).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"The embedded password list {Resource} is missing.");
        using var reader = new StreamReader(new GZipStream(stream, CompressionMode.Decompress));
        var hashes = new List<ulong>(420_000);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                hashes.Add(Hash(line));
            }
        }

        var sorted = hashes.ToArray();
        Array.Sort(sorted);
        return sorted;
    }

    private static ulong Hash(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }
}
