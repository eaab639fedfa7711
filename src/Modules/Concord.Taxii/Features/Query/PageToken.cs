using Concord.Access;
using Concord.Intel;

namespace Concord.Taxii.Features.Query;

/// <summary>
/// The <c>next</c> token: the node sequence of the last record served (a cursor on <c>date_added</c>, never an offset, so
/// pages stay correct while objects are added), encrypted with the node key (<see cref="IPageCursors"/>) and bound to
/// the reader and to the request's filters: it counts nothing the reader may not see, and opens for no other reader or
/// query. It carries no authority: visibility and the collection view are applied again on every page (T Appendix B).
/// </summary>
internal sealed class PageToken(IPageCursors cursors, Principal reader)
{
    public string Write(long sequence, string fingerprint) => cursors.Issue(sequence, reader, "taxii\n" + fingerprint);

    public bool TryRead(string? token, string fingerprint, out long sequence) => cursors.TryRead(token, reader, "taxii\n" + fingerprint, out sequence);
}
