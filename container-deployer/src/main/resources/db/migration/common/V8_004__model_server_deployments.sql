-- A deployment may run a model server (vLLM, Ollama, TGI) instead of a release: then it has no release.
ALTER TABLE deploy_deployment ALTER COLUMN release_id DROP NOT NULL;
