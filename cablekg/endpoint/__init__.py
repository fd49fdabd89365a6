"""Remote SPARQL 1.1 servers: load the graph into one, query one."""

from cablekg.endpoint.load import LoadError, LoadReport, Target, load_store
from cablekg.endpoint.query import query_endpoint

__all__ = ["LoadError", "LoadReport", "Target", "load_store", "query_endpoint"]
