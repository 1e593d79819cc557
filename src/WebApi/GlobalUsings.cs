// The namespaces nearly every file of this project uses.
global using Mediator;
global using Microsoft.AspNetCore.Http.HttpResults;
global using VariantMiner.Application.Common;
global using VariantMiner.Application.Common.Security;
