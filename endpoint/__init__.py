"""The SPARQL 1.1 endpoint and web pages of `newsgraph serve`.

- server.serve(args): waitress + the Flask app (app.create_app) + query workers (pool.QueryPool)
- /sparql: SPARQL 1.1 Protocol (query, update with a bearer token, service description)
- /rdf-graphs: Graph Store Protocol, read side
- /: query page; /resource?iri=: entity pages; /network: the actor network page
"""
