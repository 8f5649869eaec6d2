"""The web application (`consolidator serve`): Starlette and uvicorn, imported only here."""
