using System.Linq.Expressions;

namespace Concord.Intel.Features.Taxii;

/// <summary>
/// Rewrites the constants of a filter (the visibility rule holds its organisation id and audience list as constants)
/// into reads of a captured value, which EF Core turns into SQL parameters. The filter means exactly the same; only
/// EF's compiled-query cache sees one shape for every caller instead of a new query per request (a fresh audience
/// list never equals the last one), which cost a full query compilation on every TAXII page.
/// </summary>
internal static class CacheFriendly
{
    public static Expression<Func<T, bool>> Parameterize<T>(Expression<Func<T, bool>> filter) =>
        (Expression<Func<T, bool>>)new Visitor().Visit(filter);

    private sealed class Visitor : ExpressionVisitor
    {
        protected override Expression VisitConstant(ConstantExpression node)
        {
            if (node.Value is null || node.Type.IsPrimitive || node.Type.IsEnum || node.Type == typeof(string))
            {
                return node;
            }

            var box = Activator.CreateInstance(typeof(Box<>).MakeGenericType(node.Type), node.Value)!;
            return Expression.Field(Expression.Constant(box), "Value");
        }
    }

    private sealed class Box<TValue>(TValue value)
    {
#pragma warning disable CA1051 // EF Core parameterizes a field read of a captured object; that is the point.
        public readonly TValue Value = value;
#pragma warning restore CA1051
    }
}
