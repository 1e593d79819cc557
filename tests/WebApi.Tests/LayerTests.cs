using System.Reflection;
using System.Xml.Linq;

namespace VariantMiner.WebApi.Tests;

/// <summary>
/// The layers point inwards only: Domain → nothing; Application → Domain; Infrastructure → Application (and Domain);
/// WebApi → all. Checked on the project files and on the compiled assemblies; Domain and Application do not use
/// ASP.NET Core.
/// </summary>
public class LayerTests
{
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Domain"] = [],
        ["Application"] = ["Domain"],
        ["Infrastructure"] = ["Application", "Domain"],
        ["WebApi"] = ["Infrastructure", "Application", "Domain"],
    };

    private static readonly Dictionary<string, Assembly> Assemblies = new()
    {
        ["Domain"] = typeof(Domain.Common.Entity).Assembly,
        ["Application"] = typeof(Application.Common.Cursor).Assembly,
        ["Infrastructure"] = typeof(Infrastructure.Persistence.AppDbContext).Assembly,
        ["WebApi"] = typeof(Program).Assembly,
    };

    [TestCase("Domain")]
    [TestCase("Application")]
    [TestCase("Infrastructure")]
    [TestCase("WebApi")]
    public void A_layer_references_only_the_layers_inside_it(string layer)
    {
        var project = XDocument.Load(Path.Combine(RepositoryPaths.Root, "src", layer, $"VariantMiner.{layer}.csproj"));
        var projectReferences = project.Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')).Replace("VariantMiner.", "")).ToList();
        Assert.That(projectReferences, Is.SubsetOf(Allowed[layer]), $"{layer}.csproj");

        var compiled = Assemblies[layer].GetReferencedAssemblies().Select(a => a.Name!)
            .Where(n => n.StartsWith("VariantMiner.", StringComparison.Ordinal)).Select(n => n["VariantMiner.".Length..]).ToList();
        Assert.That(compiled, Is.SubsetOf(Allowed[layer]), $"{layer} assembly");
    }

    [TestCase("Domain")]
    [TestCase("Application")]
    public void The_inner_layers_do_not_use_aspnet_core(string layer)
    {
        var project = XDocument.Load(Path.Combine(RepositoryPaths.Root, "src", layer, $"VariantMiner.{layer}.csproj"));
        Assert.That(project.Descendants("FrameworkReference").Select(r => r.Attribute("Include")!.Value), Has.None.EqualTo("Microsoft.AspNetCore.App"));
        Assert.That(Assemblies[layer].GetReferencedAssemblies().Select(a => a.Name), Has.None.StartsWith("Microsoft.AspNetCore"));
    }
}
