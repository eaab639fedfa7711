using Concord.Access;

namespace Concord.Intel;

/// <summary>
/// Opaque page cursors (REST <c>cursor</c>, TAXII <c>next</c>, the UI's pages). A position in the node's sequence would
/// tell a reader how many objects it may not see were stored between two it may, so a cursor is the position encrypted
/// and authenticated with a node key (AES-GCM), bound to the reader and to the query it pages through. A cursor carries
/// no authority: visibility is applied again on every page.
/// </summary>
public interface IPageCursors
{
    /// <summary>A cursor for <paramref name="position"/> in <paramref name="query"/> (any text naming the query and its filters), for <paramref name="reader"/>.</summary>
    string Issue(long position, Principal reader, string query);

    /// <summary>
    /// The position in <paramref name="cursor"/>, when this node issued it for this reader and this query; false for a
    /// tampered, foreign or malformed cursor.
    /// </summary>
    bool TryRead(string? cursor, Principal reader, string query, out long position);
}
