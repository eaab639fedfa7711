using Concord.Access;
using Concord.Intel;
using Concord.Platform;

namespace Concord.Federation;

/// <summary>Asking connected nodes whether they hold values, without telling the values to nodes that do not (<see cref="IBlindLookups"/>).</summary>
public interface IFederatedLookups
{
    /// <summary>Normalises and hashes the values, asks every connected Concord node at once, and gathers what each answered.</summary>
    Task<Result<FederatedLookup>> AskAsync(Principal principal, IReadOnlyList<string>? values, CancellationToken cancellationToken);
}

/// <summary>A member's question: plain values (as in correlation: <c>198.51.100.7</c>, <c>domain:evil.example</c>, defanged text).</summary>
public sealed record FederatedLookupRequest(IReadOnlyList<string>? Values);

/// <summary>A peer's question: blind hashes only.</summary>
public sealed record BlindLookupRequest(IReadOnlyList<string>? Hashes);

/// <summary>The federation secret to set; empty turns blind lookups off.</summary>
public sealed record BlindSecretRequest(string? Secret);

/// <summary>What the connected nodes answered: per value, and per node asked whether it answered.</summary>
public sealed record FederatedLookup(IReadOnlyList<FederatedValue> Values, IReadOnlyList<PeerAsked> Peers);

/// <summary>One value: as given, its kind and canonical form (or why it is no observable), and what each node that holds it said.</summary>
public sealed record FederatedValue(string Input, string? Kind, string? Value, string? Error, IReadOnlyList<PeerFinding> Findings);

/// <summary>
/// What one node said of one value: the records there the asking node may read (owner as that node names it), and
/// <see cref="Anonymous"/>: a member there holds it in a record not shared with this node and has been told it was asked.
/// </summary>
public sealed record PeerFinding(Guid Peer, string PeerName, IReadOnlyList<BlindRecord> Records, bool Anonymous);

/// <summary>A node that was asked, and why it gave no answer if it gave none.</summary>
public sealed record PeerAsked(Guid Peer, string Name, string? Error);
