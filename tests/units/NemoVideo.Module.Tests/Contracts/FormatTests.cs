using System.Xml.Linq;

namespace NemoVideo.Module.Tests.Contracts;

public class FormatTests
{
    private static readonly XDocument Formats = XDocument.Load(Repository.PathOf("module", "NemoVideo.Format.ps1xml"));

    [Fact]
    public void Every_view_names_a_real_type_and_real_properties()
    {
        var assemblies = new[] { typeof(NemoConnection).Assembly, typeof(NemoVideo.Client.INemoClient).Assembly };
        foreach (var view in Formats.Descendants("View"))
        {
            var typeName = view.Element("ViewSelectedBy")!.Element("TypeName")!.Value;
            var type = assemblies.Select(assembly => assembly.GetType(typeName)).SingleOrDefault(found => found != null);
            Assert.True(type != null, $"{typeName} is not a type of the module or the client");
            foreach (var property in view.Descendants("PropertyName").Select(element => element.Value))
            {
                Assert.True(type.GetProperty(property) != null, $"{typeName} has no property {property}");
            }

            var table = view.Element("TableControl");
            if (table != null)
            {
                Assert.Equal(table.Descendants("TableColumnHeader").Count(), table.Descendants("TableColumnItem").Count());
            }
        }
    }

    [Fact]
    public void Every_type_the_cmdlets_output_has_a_default_view()
    {
        var viewed = Formats.Descendants("TypeName").Select(element => element.Value).ToHashSet();

        Assert.All(
            CmdletMetadata.All.SelectMany(cmdlet => cmdlet.OutputTypes).Where(type => type != typeof(string)).Distinct(),
            type => Assert.Contains(type.FullName!, viewed));
    }
}
