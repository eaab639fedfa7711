using Concord.Teams.Data;

namespace Concord.Teams.Features.Keys;

/// <summary>Between a checked key and its row.</summary>
internal static class KeyRows
{
    public static KeyRow From(Guid organisationId, Guid? personId, int position, ParsedKey key) => new()
    {
        Id = Guid.NewGuid(),
        OrganisationId = organisationId,
        PersonId = personId,
        Position = position,
        Fingerprint = key.Fingerprint,
        Armoured = key.Armoured,
        CreatedUs = key.Created.ToUnixTimeMilliseconds() * 1000,
        ExpiresUs = key.Expires?.ToUnixTimeMilliseconds() * 1000,
        UserIds = string.Join('\n', key.UserIds.Select(id => id.ReplaceLineEndings(" "))),
        Algorithm = key.Algorithm,
    };

    public static OpenPgpKey ToKey(KeyRow row) => new(
        row.Fingerprint,
        OpenPgpKeys.Grouped(row.Fingerprint),
        DateTimeOffset.FromUnixTimeMilliseconds(row.CreatedUs / 1000),
        row.ExpiresUs is { } expires ? DateTimeOffset.FromUnixTimeMilliseconds(expires / 1000) : null,
        string.IsNullOrEmpty(row.UserIds) ? [] : row.UserIds.Split('\n'),
        row.Algorithm,
        row.Armoured);
}
