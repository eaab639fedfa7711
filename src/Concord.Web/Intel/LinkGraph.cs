using System.Globalization;
using Concord.Intel;

namespace Concord.Web.Intel;

/// <summary>A node of the graph: an object at a position, and whether it is the object the page is about.</summary>
public sealed record GraphNode(LinkedObject Object, double X, double Y, bool IsCentre)
{
    public string Title => Object.Name ?? Object.Id;

    /// <summary>The label drawn under the node, short enough for a small graph.</summary>
    public string ShortLabel => Title.Length <= 22 ? Title : Title[..21] + "…";

    public string Cx => X.ToString("0.#", CultureInfo.InvariantCulture);

    public string Cy => Y.ToString("0.#", CultureInfo.InvariantCulture);

    public string LabelY => (Y + 24).ToString("0.#", CultureInfo.InvariantCulture);
}

/// <summary>An edge from the centre to a neighbour, labelled with the links between them.</summary>
public sealed record GraphEdge(GraphNode From, GraphNode To, string Label, bool Incoming)
{
    public string MidX => ((From.X + To.X) / 2).ToString("0.#", CultureInfo.InvariantCulture);

    public string MidY => ((From.Y + To.Y) / 2 - 4).ToString("0.#", CultureInfo.InvariantCulture);
}

/// <summary>
/// A small star-shaped graph: the object in the centre, each visible neighbour on a circle around it. It is laid out
/// on the server and drawn as plain SVG, so it reads without JavaScript; the list beside it carries every link.
/// </summary>
public sealed record LinkGraph(IReadOnlyList<GraphNode> Nodes, IReadOnlyList<GraphEdge> Edges, int Omitted)
{
    public const int Width = 640;
    public const int Height = 420;
    public const int MaxNeighbours = 16;

    public static LinkGraph Of(ObjectLinks links)
    {
        var centre = new GraphNode(links.Object, Width / 2.0, Height / 2.0, true);
        var neighbours = links.Links.GroupBy(l => l.Other.Id, StringComparer.Ordinal).ToList();
        var shown = neighbours.Take(MaxNeighbours).ToList();
        var nodes = new List<GraphNode> { centre };
        var edges = new List<GraphEdge>();
        for (var i = 0; i < shown.Count; i++)
        {
            // One or two neighbours sit left and right (the box is wider than tall); more start at the top.
            var start = shown.Count <= 2 ? Math.PI : -Math.PI / 2;
            var angle = start + (2 * Math.PI * i / Math.Max(shown.Count, 1));
            var node = new GraphNode(shown[i].First().Other, centre.X + (Math.Cos(angle) * 215), centre.Y + (Math.Sin(angle) * 155), false);
            nodes.Add(node);
            var label = string.Join(", ", shown[i].Select(l => l.Kind).Distinct(StringComparer.Ordinal));
            edges.Add(new GraphEdge(centre, node, label, shown[i].All(l => l.Direction == LinkDirection.Incoming)));
        }

        return new LinkGraph(nodes, edges, neighbours.Count - shown.Count);
    }
}
