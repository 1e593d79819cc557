// The namespaces nearly every file of this project uses.
global using System.Net;
global using System.Net.Http.Json;
global using System.Text.Json;
global using Microsoft.EntityFrameworkCore;
global using VariantMiner.Domain.Authorization;
global using VariantMiner.Infrastructure.Persistence;
global using VariantMiner.TestSupport;
