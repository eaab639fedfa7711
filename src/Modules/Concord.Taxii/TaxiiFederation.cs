using System.Text.Json;
using Concord.Access;
using Concord.Intel;

namespace Concord.Taxii;

/// <summary>
/// What a module adds to a Get Objects envelope read by a peer node, as TAXII custom properties (T 7.1.1, <c>x_</c>
/// names that other clients ignore): the federation's provenance of each object in the page. Only peer nodes' reads
/// call it, and only with the records the page holds, which the peer may read.
/// </summary>
public interface ITaxiiPeerEnvelope
{
    /// <summary>Writes the module's properties into the envelope object (after <c>objects</c>).</summary>
    Task<Action<Utf8JsonWriter>> DescribeAsync(Principal peer, IReadOnlyList<TaxiiRecord> records, CancellationToken cancellationToken);
}

/// <summary>The collection a peer node pulls from this node: the default API root's collection over everything.</summary>
public interface ITaxiiPeerCollection
{
    /// <summary>Its path (<c>/taxii2/{root}/collections/{id}/</c>), or null when the configured roots have no such collection.</summary>
    string? Path { get; }
}
