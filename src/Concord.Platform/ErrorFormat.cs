using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Concord.Platform;

/// <summary>
/// Endpoint metadata for a route group whose clients read errors in their protocol's own format, not as RFC 9457 problem
/// details (TAXII's error resource). The node's exception handler, which answers what fails before or outside an
/// endpoint's own code (a parameter that does not bind, a body that is not JSON, an unexpected exception), describes the
/// failure once as a problem and lets the group's format say it: status, title, detail, <c>rule</c> and <c>field</c>.
/// </summary>
public sealed class ErrorFormat(Func<ProblemDetails, IResult> answer)
{
    public IResult Answer(ProblemDetails problem) => answer(problem);
}
