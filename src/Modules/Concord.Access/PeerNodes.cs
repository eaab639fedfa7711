namespace Concord.Access;

/// <summary>A registered peer node (never its secret). A revoked peer's key no longer authenticates.</summary>
public sealed record PeerNodeInfo(Guid Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt)
{
    public bool Revoked => RevokedAt is not null;
}

/// <summary>A newly registered peer; <paramref name="Key"/> is its credential, shown this once (only a hash is stored).</summary>
public sealed record CreatedPeerNode(PeerNodeInfo Peer, string Key);
