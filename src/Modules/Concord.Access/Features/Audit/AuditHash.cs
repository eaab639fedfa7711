using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Concord.Access.Data;

namespace Concord.Access.Features.Audit;

/// <summary>
/// An entry's hash: SHA-256 over the previous entry's hash and the entry's fields, each written with its length so
/// that no two different entries write the same bytes. The first entry's previous hash is 32 zero bytes.
/// </summary>
internal static class AuditHash
{
    public static readonly byte[] Genesis = new byte[32];

    public static byte[] Of(AuditEntry e)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(e.PreviousHash);
        foreach (var field in Fields(e))
        {
            var bytes = field is null ? [] : Encoding.UTF8.GetBytes(field);
            hash.AppendData(BitConverter.GetBytes(field is null ? -1 : bytes.Length));
            hash.AppendData(bytes);
        }

        return hash.GetHashAndReset();
    }

    private static IEnumerable<string?> Fields(AuditEntry e)
    {
        yield return e.Seq.ToString(CultureInfo.InvariantCulture);
        yield return e.AtUs.ToString(CultureInfo.InvariantCulture);
        yield return e.ActorKind;
        yield return e.ActorId?.ToString("D");
        yield return e.ActorOrganisationId?.ToString("D");
        yield return ((int)e.Channel).ToString(CultureInfo.InvariantCulture);
        yield return e.Address;
        yield return e.Action;
        yield return e.TargetType;
        yield return e.TargetId;
        yield return e.TargetOrganisationId?.ToString("D");
        yield return e.Detail;
        yield return e.Succeeded ? "1" : "0";
    }
}
