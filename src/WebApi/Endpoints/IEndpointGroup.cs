using System.Reflection;

namespace VariantMiner.WebApi.Endpoints;

/// <summary>One feature's routes. Every implementation in this assembly is mapped at start-up: adding a feature's routes is adding a class.</summary>
internal interface IEndpointGroup
{
    void Map(IEndpointRouteBuilder app);
}

internal static class EndpointGroups
{
    public static void MapEndpointGroups(this IEndpointRouteBuilder app)
    {
        var groups = Assembly.GetExecutingAssembly().GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IEndpointGroup).IsAssignableFrom(t))
            .OrderBy(t => t.Name, StringComparer.Ordinal);
        foreach (var type in groups) ((IEndpointGroup)Activator.CreateInstance(type)!).Map(app);
    }
}
