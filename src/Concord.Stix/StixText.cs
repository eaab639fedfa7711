namespace Concord.Stix;

/// <summary>Repairs for JSON text that is not Unicode, for data stored before <see cref="StixParser"/> refused it.</summary>
public static class StixText
{
    private static readonly byte[] Replacement = "\\ufffd"u8.ToArray();

    /// <summary>
    /// Rewrites every <c>\uXXXX</c> escape that leaves a UTF-16 surrogate unpaired as <c>\ufffd</c> (U+FFFD, the
    /// replacement character), the usual treatment of text that is not valid UTF-16; everything else is kept byte for
    /// byte. Escapes only occur inside JSON strings, so the document's structure is unchanged.
    /// </summary>
    /// <returns>True with the repaired bytes when there was something to repair; false (and null) otherwise.</returns>
    public static bool TryReplaceUnpairedSurrogates(ReadOnlySpan<byte> utf8Json, out byte[]? repaired)
    {
        repaired = null;
        if (UnpairedSurrogates.Find(utf8Json) is null)
        {
            return false;
        }

        var output = new List<byte>(utf8Json.Length);
        var i = 0;
        while (i < utf8Json.Length)
        {
            if (utf8Json[i] != '\\' || i + 1 >= utf8Json.Length)
            {
                output.Add(utf8Json[i++]);
                continue;
            }

            if (utf8Json[i + 1] != 'u' || i + 6 > utf8Json.Length)
            {
                output.Add(utf8Json[i]);
                output.Add(utf8Json[i + 1]);
                i += 2;
                continue;
            }

            var unit = (char)UnpairedSurrogates.Hex(utf8Json.Slice(i + 2, 4));
            var pairs = char.IsHighSurrogate(unit) && i + 12 <= utf8Json.Length && utf8Json[i + 6] == '\\' && utf8Json[i + 7] == 'u'
                && char.IsLowSurrogate((char)UnpairedSurrogates.Hex(utf8Json.Slice(i + 8, 4)));
            var length = pairs ? 12 : 6;
            if (char.IsSurrogate(unit) && !pairs)
            {
                output.AddRange(Replacement);
            }
            else
            {
                foreach (var b in utf8Json.Slice(i, length))
                {
                    output.Add(b);
                }
            }

            i += length;
        }

        repaired = [.. output];
        return true;
    }
}
